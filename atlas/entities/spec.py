"""The format of the declarative specification of the domain input files.

Every input file (one per entity) is described by an :class:`EntitySpec`: its file
stem, its primary key, its columns (:class:`ColumnSpec`) and the rules that span
several columns or rows (:class:`RuleSpec`). This module defines that format; each
entity is declared in its own module of :mod:`atlas.entities` (``alliances``, ``crte``,
``experimentations``, ``catalyseurs``, ``mesures``, ``indicateurs_communes``), gathered
in :data:`atlas.entities.ENTITIES`. The spec is plain data: the loader reads
it to parse and validate rows, validation schemas (pandera or other) can be generated
from it, the documentation ``docs/schemas-donnees.md`` is checked against it, and the
demo generator writes files that follow it.

Conventions shared by every file (the French documentation repeats them for users):

- column headers are French snake_case ASCII (``intitule``, ``date_debut``); a header is
  matched after :func:`choice_key` (case, accents, spaces and hyphens ignored);
- a list cell holds its items separated by :data:`LIST_SEPARATOR` (``|``);
- dates are ISO (``2024-03-15``) or French (``15/03/2024``), see :data:`DATE_FORMATS`;
- every date column, and every ``int`` column holding a year (``ColumnSpec.year``), is
  bounded by the plausible window of :func:`date_window` (1 January 1990 to 31 December
  of next year + 10), narrowed by the column's own ``minimum``/``maximum``;
- a cell holding a NUL character makes the whole file unusable, whatever its format;
- numbers take a decimal point or a decimal comma; spaces used as thousands
  separators are ignored;
- values of a closed list are matched after :func:`choice_key` too, so ``Mécénat``,
  ``mecenat`` and ``MECENAT`` are the same value; the canonical value is the ASCII code;
- every file has an optional ``demo`` column (boolean, default false) flagging
  demonstration rows;
- a file may have an ``exemple`` column (:data:`EXAMPLE_COLUMN`, the first column of the
  XLSX templates): a row whose ``exemple`` cell is true is an example, skipped by the
  loader (neither read nor rejected) and reported in the run's warnings.

Column types (``ColumnSpec.type``):

``str``, ``int``, ``float``, ``bool``, ``date``, ``enum`` (a closed list, see
``ColumnSpec.choices``), the administrative codes ``code_commune``, ``code_epci``,
``code_departement``, ``code_region`` (normalised by :mod:`geodata.codes`; a commune
code must exist in the boundaries or be a former commune mapped to the current one), and
``list_of:<type>`` for a list of any of the scalar types above.

Rule kinds (``RuleSpec.kind``), each checked on one row unless said otherwise:

``min_distinct``
    the list column ``columns[0]`` holds at least ``value`` distinct items.
``exactly_one_of``
    exactly one of ``columns`` is filled.
``at_least_one_of``
    at least one of ``columns`` is filled.
``all_or_none``
    either every column of ``columns`` is filled or none is.
``required``
    every column of ``columns`` is filled (used with ``when``).
``not_before``
    when both are filled, ``columns[0]`` is not earlier than ``columns[1]``.
``bounds_from_indicator``
    ``columns[0]`` (a value) lies within the bounds that
    :data:`atlas.entities.indicateurs.INDICATEURS` gives for
    the indicator named in ``columns[1]``.
``same_value_per_key`` (table rule)
    every row with the same ``columns[0]`` has the same ``columns[1]``; a row that
    disagrees with the first row of its key is rejected.

A rule with ``when`` applies only to rows whose ``when.column`` is one of ``when.values``.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

__all__ = [
    "SCALAR_TYPES",
    "CODE_TYPES",
    "TYPE_LABELS",
    "RULE_KINDS",
    "LIST_SEPARATOR",
    "DATE_FORMATS",
    "CSV_SEPARATORS",
    "CSV_ENCODINGS",
    "FILE_EXTENSIONS",
    "TRUE_VALUES",
    "FALSE_VALUES",
    "DEMO_COLUMN",
    "EXAMPLE_COLUMN",
    "DATE_WINDOW_START",
    "DATE_WINDOW_YEARS_AHEAD",
    "date_window",
    "Choice",
    "ColumnSpec",
    "Condition",
    "RuleSpec",
    "EntitySpec",
    "choice_key",
    "type_label",
]

# --------------------------------------------------------------------------- formats

#: Scalar column types; ``list_of:<scalar>`` is the list form of any of them.
SCALAR_TYPES: tuple[str, ...] = (
    "str",
    "int",
    "float",
    "bool",
    "date",
    "enum",
    "code_commune",
    "code_epci",
    "code_departement",
    "code_region",
)

#: Types holding an administrative code, normalised by :mod:`geodata.codes`.
CODE_TYPES: tuple[str, ...] = ("code_commune", "code_epci", "code_departement", "code_region")

#: French label of each scalar type, as shown in the documentation and in messages.
TYPE_LABELS: dict[str, str] = {
    "str": "texte",
    "int": "entier",
    "float": "nombre",
    "bool": "booléen",
    "date": "date",
    "enum": "liste fermée",
    "code_commune": "code commune INSEE",
    "code_epci": "SIREN d'EPCI",
    "code_departement": "code département",
    "code_region": "code région",
}

RULE_KINDS: tuple[str, ...] = (
    "min_distinct",
    "exactly_one_of",
    "at_least_one_of",
    "all_or_none",
    "required",
    "not_before",
    "bounds_from_indicator",
    "same_value_per_key",
)

#: Separator of the items of a list cell.
LIST_SEPARATOR = "|"
#: Accepted date formats (``strptime`` syntax), tried in this order.
DATE_FORMATS: tuple[str, ...] = ("%Y-%m-%d", "%d/%m/%Y")
#: Accepted CSV field separators; the demo generator writes the first one.
CSV_SEPARATORS: tuple[str, ...] = (";", ",")
#: Accepted CSV encodings, tried in this order (``utf-8-sig`` also reads UTF-8 without BOM).
CSV_ENCODINGS: tuple[str, ...] = ("utf-8-sig", "cp1252")
#: Accepted file extensions; a file is ``<file_stem><extension>``.
FILE_EXTENSIONS: tuple[str, ...] = (".csv", ".xlsx", ".parquet")
#: Cell values read as true / false in a ``bool`` column (after :func:`choice_key`).
TRUE_VALUES: tuple[str, ...] = ("true", "vrai", "oui", "o", "1", "x")
FALSE_VALUES: tuple[str, ...] = ("false", "faux", "non", "n", "0")
#: Name of the demonstration flag present in every file.
DEMO_COLUMN = "demo"
#: Name of the optional column marking example rows (true = skipped by the loader).
EXAMPLE_COLUMN = "exemple"
#: First day a date column accepts (and first year a year column accepts).
DATE_WINDOW_START = date(1990, 1, 1)
#: A date column accepts dates up to 31 December of the current year + this (next year + 10).
DATE_WINDOW_YEARS_AHEAD = 11


def date_window(today: date | None = None) -> tuple[date, date]:
    """The plausible dates of every date column: 1 January 1990 to 31 December of next year + 10."""
    year = (today or date.today()).year + DATE_WINDOW_YEARS_AHEAD
    return DATE_WINDOW_START, date(year, 12, 31)


def choice_key(value: str) -> str:
    """Comparison key of a header or a closed-list value.

    Lowercase, accents removed, apostrophes, spaces and hyphens turned into ``_``,
    repeated or surrounding ``_`` removed.

    >>> choice_key("  Pratiques responsables ")
    'pratiques_responsables'
    >>> choice_key("Date de début")
    'date_de_debut'
    >>> choice_key("Collectivité")
    'collectivite'
    """
    text = unicodedata.normalize("NFKD", str(value).strip().lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    for sep in (" ", "-", "'", "\u2019", "\u00a0", "."):
        text = text.replace(sep, "_")
    while "__" in text:
        text = text.replace("__", "_")
    return text.strip("_")


def type_label(type_: str) -> str:
    """French label of a column type: ``list_of:code_epci`` -> ``liste de SIREN d'EPCI``."""
    if type_.startswith("list_of:"):
        return "liste de " + TYPE_LABELS[type_[len("list_of:") :]]
    return TYPE_LABELS[type_]


# --------------------------------------------------------------------------- dataclasses


@dataclass(frozen=True)
class Choice:
    """One value of a closed list: the canonical ASCII code and its French label."""

    value: str
    label: str


@dataclass(frozen=True)
class ColumnSpec:
    """One column of an input file.

    ``minimum``/``maximum`` bound numbers (``int``, ``float`` and their lists) or dates;
    a date column, or an ``int`` column flagged ``year``, is also bounded by the plausible
    window of :func:`date_window` (see :meth:`bounds`); ``references`` names another entity's column (``"mesures.id"``) the value
    (each item of a list column) must exist in; administrative codes always reference the boundaries, without saying so here.
    ``default`` is the value given to an empty cell of an optional column (as text).
    """

    name: str
    type: str
    required: bool
    description: str
    example: str
    choices: tuple[Choice, ...] = ()
    minimum: int | float | date | None = None
    maximum: int | float | date | None = None
    unit: str | None = None
    default: str | None = None
    references: str | None = None
    #: An ``int`` column holding a year: bounded by the years of the date window.
    year: bool = False

    def __post_init__(self) -> None:
        if not self.name.isascii() or self.name != choice_key(self.name):
            raise ValueError(f"column name {self.name!r} is not ASCII snake_case")
        if self.item_type not in SCALAR_TYPES:
            raise ValueError(f"column {self.name!r}: unknown type {self.type!r}")
        if (self.item_type == "enum") != bool(self.choices):
            raise ValueError(f"column {self.name!r}: choices go with (and only with) enum types")
        if (self.minimum is not None or self.maximum is not None) and self.item_type not in (
            "int",
            "float",
            "date",
        ):
            raise ValueError(f"column {self.name!r}: bounds on a non-numeric, non-date type")
        if self.year and self.item_type != "int":
            raise ValueError(f"column {self.name!r}: only an int column holds a year")
        values = [c.value for c in self.choices]
        if len(set(values)) != len(values):
            raise ValueError(f"column {self.name!r}: duplicate choices")
        if len({choice_key(v) for v in values}) != len(values):
            raise ValueError(f"column {self.name!r}: choices collide after choice_key")
        if self.required and self.default is not None:
            raise ValueError(f"column {self.name!r}: a required column has no default")

    @property
    def is_list(self) -> bool:
        """True for ``list_of:<type>`` columns."""
        return self.type.startswith("list_of:")

    @property
    def item_type(self) -> str:
        """The scalar type of the column, or of each item of a list column."""
        return self.type[len("list_of:") :] if self.is_list else self.type

    def bounds(self, today: date | None = None) -> tuple[object, object]:
        """``(minimum, maximum)`` a value must lie within, None for no bound: the column's
        own bounds, narrowed by :func:`date_window` for a date or year column."""
        lo, hi = self.minimum, self.maximum
        if self.item_type == "date" or self.year:
            start, end = date_window(today)
            if self.year:
                start, end = start.year, end.year
            lo = start if lo is None else max(lo, start)
            hi = end if hi is None else min(hi, end)
        return lo, hi

    @property
    def allowed(self) -> tuple[str, ...]:
        """Canonical values of the closed list (empty when the column is not an enum)."""
        return tuple(c.value for c in self.choices)

    def label_of(self, value: str) -> str:
        """French label of a closed-list value (the value itself when unknown)."""
        for choice in self.choices:
            if choice.value == value:
                return choice.label
        return value


@dataclass(frozen=True)
class Condition:
    """Restricts a rule to rows whose ``column`` holds one of ``values``."""

    column: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class RuleSpec:
    """A rule spanning several columns (or rows); ``message`` is the French reject reason."""

    code: str
    kind: str
    columns: tuple[str, ...]
    message: str
    value: int | None = None
    when: Condition | None = None

    def __post_init__(self) -> None:
        if self.kind not in RULE_KINDS:
            raise ValueError(f"rule {self.code!r}: unknown kind {self.kind!r}")
        if self.kind == "min_distinct" and (self.value is None or len(self.columns) != 1):
            raise ValueError(f"rule {self.code!r}: min_distinct needs one column and a value")
        if (
            self.kind in ("not_before", "bounds_from_indicator", "same_value_per_key")
            and len(self.columns) != 2
        ):
            raise ValueError(f"rule {self.code!r}: {self.kind} needs exactly two columns")

    @property
    def is_table_rule(self) -> bool:
        """True when the rule compares rows with each other."""
        return self.kind == "same_value_per_key"


@dataclass(frozen=True)
class EntitySpec:
    """One input file: its stem, primary key, columns and rules."""

    name: str
    file_stem: str
    label: str
    description: str
    primary_key: tuple[str, ...]
    columns: tuple[ColumnSpec, ...]
    rules: tuple[RuleSpec, ...] = ()
    #: Rows matching this condition whose ``commune`` (part of the key) was written as
    #: different former communes of one current commune add up instead of being duplicates.
    additive_when: Condition | None = None

    def __post_init__(self) -> None:
        names = [c.name for c in self.columns]
        if self.additive_when and ("commune" not in self.primary_key or self.additive_when.column not in names):
            raise ValueError(f"entity {self.name!r}: additive_when needs commune in the key and a known column")
        if len(set(names)) != len(names):
            raise ValueError(f"entity {self.name!r}: duplicate column names")
        if DEMO_COLUMN not in names:
            raise ValueError(f"entity {self.name!r}: missing the {DEMO_COLUMN!r} column")
        for key in self.primary_key:
            if key not in names:
                raise ValueError(f"entity {self.name!r}: unknown key column {key!r}")
        for rule in self.rules:
            used = list(rule.columns) + ([rule.when.column] if rule.when else [])
            for col in used:
                if col not in names:
                    raise ValueError(f"entity {self.name!r}, rule {rule.code!r}: unknown {col!r}")

    @property
    def column_names(self) -> tuple[str, ...]:
        """Column names in file order."""
        return tuple(c.name for c in self.columns)

    @property
    def required_columns(self) -> tuple[str, ...]:
        """Columns that must be present in the file and filled on every row."""
        return tuple(c.name for c in self.columns if c.required)

    def column(self, name: str) -> ColumnSpec:
        """The column named ``name``; ``KeyError`` when there is none."""
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)

    def _referenced(self, required_only: bool) -> tuple[str, ...]:
        out: list[str] = []
        for col in self.columns:
            if col.references and (col.required or not required_only):
                target = col.references.split(".", 1)[0]
                if target not in out:
                    out.append(target)
        return tuple(out)

    @property
    def depends_on(self) -> tuple[str, ...]:
        """Entities whose rows this entity references (``references`` of its columns): they
        are loaded first, and a validation of this file needs their rows."""
        return self._referenced(required_only=False)

    @property
    def requires(self) -> tuple[str, ...]:
        """Entities whose file must sit beside this one: those its *required* columns
        reference (``mesures`` for ``mesures_suivi``). An optional reference column (the
        ``mesure`` column of the alliances) does not make the file required; a value it
        holds is checked against the referenced file, absent or not."""
        return self._referenced(required_only=True)

