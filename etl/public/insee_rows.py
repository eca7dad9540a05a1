"""Row accounting of the public indicator files: parse a cell, load or reject a row.

A cell is a number, a statistical secret (``s``, ``nd``… or a confidential status), empty
(missing: no value) or a problem (a French reason). A row is loaded when its commune code
is known (a former commune mapped to the current one, recorded) and it gives at least one
value or secret with no problem; otherwise it is rejected with every reason, and counts
once in ``rejected``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from atlas.entities import INDICATEURS
from etl.domain.loader import CodeMapping, LoadWarning, Reject
from etl.domain.references import References
from geodata.codes import CodeError, normalize_commune

from .insee_mapping import Mapping

__all__ = ["Value", "Problem", "FileState", "number", "parse", "cell", "take_row", "listing"]

_LISTED = 12  # column or measure names quoted in a warning


def listing(names) -> str:
    """The first names, comma-separated, and how many more (for a warning)."""
    names = list(names)
    shown = ", ".join(names[:_LISTED])
    return shown + (f" … et {len(names) - _LISTED} autres" if len(names) > _LISTED else "")


@dataclass(frozen=True)
class Value:
    """One indicator value of a row (``value`` None when ``secret``)."""

    indicator: str
    year: int
    column: str
    value: float | None
    secret: bool


@dataclass(frozen=True)
class Problem:
    """A cell that is neither a number, a secret nor empty, or out of bounds."""

    column: str
    value: str | None
    reason: str


@dataclass
class FileState:
    """What one file produced."""

    file: str
    rows: list[dict] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    mappings: list[CodeMapping] = field(default_factory=list)
    notes: list[LoadWarning] = field(default_factory=list)
    read: int = 0
    rejected: int = 0
    seen: dict = field(default_factory=dict)
    ignored: bool = False

    def note(self, message: str) -> None:
        self.notes.append(LoadWarning(self.file, f"fichier {self.file} : {message}"))

    def ignore(self, reason: str) -> None:
        """The whole file is not read, for ``reason``."""
        self.ignored = True
        self.note(f"{reason}, fichier ignoré")


def number(text: str) -> float | None:
    """``14,2``, ``14.2``, ``21 340`` as a float; None when the text is not a number."""
    try:
        return float(text.replace("\u202f", "").replace("\xa0", "").replace(" ", "").replace(",", "."))
    except ValueError:
        return None


def parse(mapping: Mapping, indicator: str, year: int, column: str, texts: list[str],
           secret: bool = False) -> Value | str | None:
    """A value, a French problem, or None (missing). ``texts`` has one cell, or two for a ratio."""
    if secret or any(mapping.is_secret(t) for t in texts if t):
        return Value(indicator, year, column, None, True)
    if any(not t for t in texts):
        return None
    numbers = [number(t) for t in texts]
    for text, parsed in zip(texts, numbers):
        if parsed is None:
            return f"« {text} » : attendu un nombre, « s » ou « nd » (secret statistique) ou une cellule vide"
    if len(numbers) == 2:
        if numbers[1] == 0:
            return None
        value = 100 * numbers[0] / numbers[1]
    else:
        value = numbers[0]
    spec = INDICATEURS[indicator]
    if not spec.minimum <= value <= spec.maximum:
        return (f"valeur {value:g} hors des bornes de l'indicateur {indicator} "
                f"({spec.minimum:g} à {spec.maximum:g} {spec.unit})")
    return Value(indicator, year, column, value, False)


def take_row(state: FileState, refs: References, line: int, key_column: str, code_text: str,
              parsed: list[Value | Problem | None], key_extra: tuple = (), same: str = "") -> None:
    """Load or reject one row: its commune code and its parsed cells. ``key_extra`` completes the
    commune in the key a file gives once (year, measure…), ``same`` says it in French."""
    state.read += 1
    problems: list[Reject] = []
    current = None
    try:
        code = normalize_commune(code_text)
        current = refs.resolve_commune(code)
        if current is None:
            problems.append(Reject(state.file, line, key_column, code_text,
                                   f"commune {code} inconnue des limites administratives (ni actuelle ni ancienne)"))
    except CodeError as exc:
        problems.append(Reject(state.file, line, key_column, code_text, str(exc)))
    problems += [Reject(state.file, line, p.column, p.value, p.reason) for p in parsed if isinstance(p, Problem)]
    values = [p for p in parsed if isinstance(p, Value)]
    if not problems and not values:
        problems.append(Reject(state.file, line, None, None,
                               "aucune valeur (nombre ou secret statistique) pour les indicateurs retenus"))
    key = (current, *key_extra)
    if not problems and key in state.seen:
        problems.append(Reject(state.file, line, key_column, code_text,
                               f"commune {current} déjà donnée ligne {state.seen[key]}{same} (une ancienne "
                               "commune rapportée à sa commune actuelle compte pour elle) ; une seule ligne par "
                               "commune" + same))
    if problems:
        state.rejects += problems
        state.rejected += 1
        return
    state.seen[key] = line
    if current != code:
        state.mappings.append(CodeMapping(state.file, line, key_column, code, current))
    for v in values:
        state.rows.append({"commune": current, "indicateur": v.indicator, "annee": v.year, "valeur": v.value,
                           "secret": v.secret, "source": state.file, "colonne": v.column, "ligne": line})


def cell(column: str, texts: list[str], result: Value | str | None) -> Value | Problem | None:
    """The parsed cell, a reason (str) becoming a :class:`Problem` of ``column``."""
    return Problem(column, " / ".join(texts), result) if isinstance(result, str) else result

