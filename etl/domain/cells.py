"""Parse the cells of domain input files, driven by :mod:`atlas.entities`.

A cell is first turned into text (:func:`cell_text`), then parsed by
:meth:`ColumnParser.parse` into its canonical value: ``str`` for text and codes, ``int``,
``float``, ``bool``, :class:`datetime.date`, the canonical code of a closed-list value,
or a list of such items. What cannot be parsed gives French reasons in
:attr:`ParsedCell.errors`. Membership of closed lists and numeric or date bounds are
*not* checked here:
the pandera schema of :mod:`etl.domain.validation` does it on the typed frame; an
unknown closed-list value is therefore returned as the text read.

Commune codes are resolved against :class:`References`: a current commune is kept, a
former commune (déléguée, associée) or an arrondissement municipal is replaced by its
current commune and the replacement reported, anything else is unknown.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from geodata.codes import (
    CodeError,
    normalize_commune,
    normalize_departement,
    normalize_epci,
    normalize_region,
)

from .references import References
from atlas.entities import (
    DATE_FORMATS,
    FALSE_VALUES,
    LIST_SEPARATOR,
    TRUE_VALUES,
    ColumnSpec,
    choice_key,
    date_window,
    type_label,
)

__all__ = [
    "CellError",
    "ParsedCell",
    "ColumnParser",
    "cell_text",
    "excel_serial_date",
    "parse_number",
    "parse_date",
    "parse_bool",
    "MAX_TYPED_LENGTH",
]


class CellError(ValueError):
    """A cell that cannot be parsed; ``reason`` is the French reject reason."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class ParsedCell:
    """Outcome of parsing one cell text."""

    value: object
    errors: tuple[str, ...] = ()
    #: (code read, current commune code) of each commune code that was replaced
    remaps: tuple[tuple[str, str], ...] = ()


# --------------------------------------------------------------------------- text


def cell_text(value: object, date_column: bool = False) -> str:
    """The text of a raw cell: CSV text, or an XLSX / Parquet value of any type.

    Integral floats lose their ``.0`` (a code or a year typed as a number), dates become
    ISO text, booleans ``true``/``false``, lists are joined with :data:`LIST_SEPARATOR`.
    In a date column a date-time keeps only its date.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        if date_column or (value.hour, value.minute, value.second, value.microsecond) == (
            0,
            0,
            0,
            0,
        ):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, (list, tuple)):
        items = (cell_text(v, date_column) for v in value)
        return LIST_SEPARATOR.join(t for t in items if t)
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace").strip()
    return str(value).strip()


#: Day 0 of Excel's serial dates (day 1 is 1900-01-01, counting Excel's 29/02/1900).
_EXCEL_EPOCH = date(1899, 12, 30)


def excel_serial_date(value: object) -> date | None:
    """The date of an Excel serial day number (``45395`` -> 2024-04-13), as a workbook holds
    it in a cell of General or Number format; None unless ``value`` is a number whose date
    lies in the plausible window (:func:`atlas.entities.date_window`), so that a year
    typed as a number (``2021``) is not read as a day of 1905."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    start, end = date_window()
    first, last = (start - _EXCEL_EPOCH).days, (end - _EXCEL_EPOCH).days
    if not first <= value < last + 1:  # False for NaN too
        return None
    return _EXCEL_EPOCH + timedelta(days=math.floor(value))


# --------------------------------------------------------------------------- scalars

_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_INTEGER = re.compile(r"[+-]?\d+")
_INT64_MAX = 2**63 - 1
#: Longest text accepted for one typed (non-``str``) value; longer is surely misplaced text.
MAX_TYPED_LENGTH = 200
_TRUE = frozenset(TRUE_VALUES)
_FALSE = frozenset(FALSE_VALUES)


def parse_number(text: str, integer: bool) -> int | float:
    """A number written with a decimal point or comma, spaces as thousands separators."""
    compact = _SPACES.sub("", text)
    if compact.count(",") + compact.count(".") > 1:
        raise CellError(
            f"nombre invalide « {text} » : un seul séparateur décimal (point ou virgule), "
            "pas de séparateur de milliers autre que l'espace"
        )
    compact = compact.replace(",", ".")
    if not _NUMBER.fullmatch(compact):
        raise CellError(f"nombre invalide « {text} » : chiffres attendus, sans unité")
    if integer and _INTEGER.fullmatch(compact):
        number: int | float = int(compact)
    else:
        number = float(compact)
        if not math.isfinite(number):
            raise CellError(f"nombre invalide « {text} » : trop grand")
        if integer:
            if not number.is_integer():
                raise CellError(f"nombre entier attendu, lu « {text} »")
            number = int(number)
    if integer and abs(number) > _INT64_MAX:
        raise CellError(f"nombre entier trop grand « {text} »")
    return number


def parse_date(text: str) -> date:
    """A date in one of :data:`DATE_FORMATS` (ISO or JJ/MM/AAAA), with a 4-digit year."""
    for fmt in DATE_FORMATS:
        try:
            value = datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        if value.year >= 1000:
            return value
    raise CellError(f"date invalide « {text} » : attendu JJ/MM/AAAA ou AAAA-MM-JJ (ex. 30/06/2021)")


def parse_bool(text: str) -> bool:
    key = choice_key(text)
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise CellError(
        f"booléen invalide « {text} » : attendu vrai/faux, oui/non, true/false, 1/0 ou x"
    )


class ColumnParser:
    """Parses the cells of one column; caches the outcome of each distinct text."""

    def __init__(self, column: ColumnSpec, refs: References):
        self.column = column
        self.refs = refs
        self.cache: dict[str, ParsedCell] = {}
        kind = column.item_type
        self._choices: dict[str, str] = {}
        if kind == "enum":
            for choice in column.choices:  # canonical values first, then their labels
                self._choices.setdefault(choice_key(choice.value), choice.value)
            for choice in column.choices:
                self._choices.setdefault(choice_key(choice.label), choice.value)
        self._item = {
            "str": lambda t: (t, None),
            "int": lambda t: (parse_number(t, True), None),
            "float": lambda t: (parse_number(t, False), None),
            "bool": lambda t: (parse_bool(t), None),
            "date": lambda t: (parse_date(t), None),
            "enum": lambda t: (self._choices.get(choice_key(t), t), None),
            "code_commune": self._commune,
            "code_epci": self._epci,
            "code_departement": self._departement,
            "code_region": self._region,
        }[kind]

    # codes ------------------------------------------------------------------

    @staticmethod
    def _normalize(normalizer, text: str) -> str:
        try:
            return normalizer(text)
        except CodeError as exc:
            raise CellError(str(exc)) from None

    def _commune(self, text: str) -> tuple[str, tuple[str, str] | None]:
        code = self._normalize(normalize_commune, text)
        current = self.refs.resolve_commune(code)
        if current is None:
            raise CellError(f"code commune inconnu « {code} »")
        return current, (None if current == code else (code, current))

    def _epci(self, text: str) -> tuple[str, None]:
        code = self._normalize(normalize_epci, text)
        if code not in self.refs.epci:
            raise CellError(f"SIREN d'EPCI inconnu « {code} »")
        return code, None

    def _departement(self, text: str) -> tuple[str, None]:
        code = self._normalize(normalize_departement, text)
        if code not in self.refs.departements:
            raise CellError(f"code département inconnu « {code} »")
        return code, None

    def _region(self, text: str) -> tuple[str, None]:
        code = self._normalize(normalize_region, text)
        if code not in self.refs.regions:
            raise CellError(f"code région inconnu « {code} »")
        return code, None

    # cells ------------------------------------------------------------------

    def parse(self, text: str) -> ParsedCell:
        """Parse a non-empty cell text (cached)."""
        hit = self.cache.get(text)
        if hit is None:
            hit = self._parse(text)
            self.cache[text] = hit
        return hit

    def _parse_item(self, text: str) -> tuple[object, tuple[str, str] | None]:
        if len(text) > MAX_TYPED_LENGTH and self.column.item_type != "str":
            raise CellError(
                f"valeur trop longue ({len(text)} caractères) pour une colonne de type "
                f"« {type_label(self.column.type)} »"
            )
        return self._item(text)

    def _parse(self, text: str) -> ParsedCell:
        if not self.column.is_list:
            try:
                value, remap = self._parse_item(text)
            except CellError as exc:
                return ParsedCell(None, (exc.reason,))
            return ParsedCell(value, (), (remap,) if remap else ())
        values: list[object] = []
        errors: list[str] = []
        remaps: list[tuple[str, str]] = []
        for item in text.split(LIST_SEPARATOR):
            item = item.strip()
            if not item:
                continue
            try:
                value, remap = self._parse_item(item)
            except CellError as exc:
                errors.append(exc.reason)
                continue
            if remap and remap not in remaps:
                remaps.append(remap)
            if value not in values:
                values.append(value)
        if errors:
            return ParsedCell(None, tuple(dict.fromkeys(errors)))
        return ParsedCell(values or None, (), tuple(remaps))
