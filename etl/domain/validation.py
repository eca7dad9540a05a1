"""Validation of the typed frame of an entity: a pandera schema generated from the spec,
and the rules spanning several columns (:class:`~atlas.entities.RuleSpec`).

The typed frame has one column per spec column (values already parsed by
:mod:`etl.domain.cells`, None where a cell is empty or could not be parsed) and a
``RangeIndex`` of row positions. Both validators return :class:`CellProblem` items:
the loader turns them into rejects with the file name and the line number.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache

import numpy as np
import pandas as pd
import pandera.pandas as pa

from atlas.entities import ENTITIES, INDICATEURS, ColumnSpec, EntitySpec, RuleSpec

__all__ = [
    "CellProblem",
    "pandas_dtype",
    "pandera_schema",
    "schema_problems",
    "rule_problems",
    "bounds_text",
]

# Names given to the generated checks; they come back in ``SchemaErrors.failure_cases``.
CHECK_CHOICES = "valeurs_permises"
CHECK_BOUNDS = "bornes"
_NOT_NULL = "not_nullable"


@dataclass(frozen=True)
class CellProblem:
    """A problem of one row: position, column(s) concerned and French reason.

    ``columns`` names the column(s) whose cells are shown as the value of the reject.
    """

    pos: int
    columns: tuple[str, ...]
    reason: str


# --------------------------------------------------------------------------- dtypes


def pandas_dtype(column: ColumnSpec) -> str:
    """dtype of a spec column in the typed frame and in the loaded table."""
    if column.is_list:
        return "object"
    return {"int": "Int64", "float": "float64", "bool": "boolean"}.get(column.item_type, "object")


# --------------------------------------------------------------------------- bounds


def _fmt(value: object, unit: str | None = None) -> str:
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).replace(".", ",").replace("-", "−")
    return f"{text} {unit}" if unit else text


def bounds_text(column: ColumnSpec) -> str:
    """French wording of the bounds of ``column``: ``de 0 à 100 %``, ``du 01/01/2019 au 31/12/2037``."""
    (lo, hi), unit = column.bounds(), column.unit
    if column.item_type == "date":
        if lo is not None and hi is not None:
            return f"du {_fmt(lo)} au {_fmt(hi)}"
        return f"à partir du {_fmt(lo)}" if lo is not None else f"jusqu'au {_fmt(hi)}"
    if lo is not None and hi is not None:
        return f"de {_fmt(lo)} à {_fmt(hi, unit)}"
    return f"au moins {_fmt(lo, unit)}" if lo is not None else f"au plus {_fmt(hi, unit)}"


def _within(column: ColumnSpec) -> Callable[[object], bool]:
    lo, hi = column.bounds()

    def within(value: object) -> bool:
        return (lo is None or value >= lo) and (hi is None or value <= hi)

    return within


# --------------------------------------------------------------------------- pandera


def _checks(column: ColumnSpec) -> list[pa.Check]:
    checks: list[pa.Check] = []
    if column.item_type == "enum":
        allowed = frozenset(column.allowed)
        if column.is_list:
            checks.append(
                pa.Check(
                    lambda v: all(i in allowed for i in v), element_wise=True, name=CHECK_CHOICES
                )
            )
        else:
            checks.append(pa.Check(lambda s: s.isin(allowed), name=CHECK_CHOICES))
    lo, hi = column.bounds()
    if lo is not None or hi is not None:
        within = _within(column)
        if column.is_list:
            checks.append(
                pa.Check(lambda v: all(within(i) for i in v), element_wise=True, name=CHECK_BOUNDS)
            )
        elif column.item_type == "date":
            checks.append(pa.Check(within, element_wise=True, name=CHECK_BOUNDS))
        else:

            def vector(s: pd.Series, lo=lo, hi=hi) -> pd.Series:
                ok = pd.Series(True, index=s.index)
                if lo is not None:
                    ok &= s >= lo
                if hi is not None:
                    ok &= s <= hi
                return ok

            checks.append(pa.Check(vector, name=CHECK_BOUNDS))
    return checks


@cache
def pandera_schema(entity: str) -> pa.DataFrameSchema:
    """The pandera schema of the typed frame of ``entity`` (a key of :data:`ENTITIES`).

    Required columns are not nullable (an optional column with a default never is
    null either), closed lists are checked with ``isin``, numbers and dates against
    their bounds (:meth:`~atlas.entities.ColumnSpec.bounds`: dates and years within the
    plausible window); list columns check each item.
    """
    spec = ENTITIES[entity]
    columns = {
        col.name: pa.Column(
            pandas_dtype(col),
            checks=_checks(col),
            nullable=not col.required,
            required=True,
            name=col.name,
        )
        for col in spec.columns
    }
    return pa.DataFrameSchema(columns, strict=False, ordered=False, coerce=False, name=spec.name)


def _choices_reason(column: ColumnSpec, value: object) -> str:
    items = value if isinstance(value, list) else [value]
    bad = [str(i) for i in items if i not in column.allowed]
    allowed = ", ".join(column.allowed)
    if len(bad) == 1:
        return f"valeur non permise « {bad[0]} » ; valeurs permises : {allowed}"
    quoted = ", ".join(f"« {b} »" for b in bad)
    return f"valeurs non permises {quoted} ; valeurs permises : {allowed}"


def _bounds_reason(column: ColumnSpec, value: object, text: str) -> str:
    if isinstance(value, list):
        within = _within(column)
        bad = [_fmt(i) for i in value if not within(i)]
        quoted = ", ".join(f"« {b} »" for b in bad)
        plural = "valeurs" if len(bad) > 1 else "valeur"
        return f"{plural} {quoted} hors des bornes permises ({bounds_text(column)})"
    return f"valeur « {text} » hors des bornes permises ({bounds_text(column)})"


def schema_problems(
    spec: EntitySpec,
    typed: pd.DataFrame,
    texts: dict[str, list[str]],
    skip: set[tuple[int, str]],
) -> list[CellProblem]:
    """Validate ``typed`` with :func:`pandera_schema` (lazily) and translate the failures.

    ``skip`` holds the (position, column) cells that already failed parsing: their
    null value is not reported again as a missing required value.
    """
    try:
        pandera_schema(spec.name).validate(typed, lazy=True)
    except pa.errors.SchemaErrors as exc:
        failures = exc.failure_cases
    else:
        return []
    problems: list[CellProblem] = []
    for name, check, index in zip(
        failures["column"], failures["check"], failures["index"], strict=True
    ):
        if index is None or pd.isna(index) or name not in typed.columns:
            # A frame-level failure (dtype, missing column) means the loader built a wrong
            # frame: a programming error, not a problem of the input file.
            raise RuntimeError(f"{spec.name}: unexpected schema failure {check!r} on {name!r}")
        pos = int(index)
        if (pos, name) in skip:
            continue
        column = spec.column(name)
        value = typed.at[pos, name]
        if check == _NOT_NULL:
            reason = "valeur obligatoire manquante"
        elif check == CHECK_CHOICES:
            reason = _choices_reason(column, value)
        elif check == CHECK_BOUNDS:
            reason = _bounds_reason(column, value, texts[name][pos])
        else:
            reason = f"valeur invalide (contrôle {check})"
        problems.append(CellProblem(pos, (name,), reason))
    return problems


# --------------------------------------------------------------------------- rules


def _filled(typed: pd.DataFrame, name: str) -> np.ndarray:
    return typed[name].notna().to_numpy(dtype=bool)


def _rule_failures(rule: RuleSpec, typed: pd.DataFrame) -> tuple[np.ndarray, list[str] | None]:
    """Boolean array of failing rows, and an optional detail per row for the reason."""
    cols = rule.columns
    n = len(typed)
    detail: list[str] | None = None
    if rule.kind == "min_distinct":
        sizes = np.fromiter((len(v) if isinstance(v, list) else 0 for v in typed[cols[0]]), int, n)
        failing = sizes < int(rule.value or 0)
    elif rule.kind in ("exactly_one_of", "at_least_one_of", "all_or_none", "required"):
        counts = sum(_filled(typed, c).astype(int) for c in cols)
        failing = {
            "exactly_one_of": counts != 1,
            "at_least_one_of": counts == 0,
            "all_or_none": (counts != 0) & (counts != len(cols)),
            "required": counts != len(cols),
        }[rule.kind]
    elif rule.kind == "not_before":
        later, earlier = typed[cols[0]].tolist(), typed[cols[1]].tolist()
        failing = np.fromiter(
            (
                a is not None and b is not None and a < b
                for a, b in zip(later, earlier, strict=True)
            ),
            bool,
            n,
        )
    elif rule.kind == "bounds_from_indicator":
        values, indicators = typed[cols[0]].tolist(), typed[cols[1]].tolist()
        failing = np.zeros(n, dtype=bool)
        detail = [""] * n
        for pos, (value, code) in enumerate(zip(values, indicators, strict=True)):
            spec = INDICATEURS.get(code) if isinstance(code, str) else None
            if spec is None or value is None or pd.isna(value):
                continue
            if not spec.minimum <= value <= spec.maximum:
                failing[pos] = True
                detail[pos] = f"{code} : de {_fmt(spec.minimum)} à {_fmt(spec.maximum, spec.unit)}"
    else:  # table rules are checked by table_rule_problems
        failing = np.zeros(n, dtype=bool)
    return failing, detail


def _mask(typed: pd.DataFrame, rule: RuleSpec) -> np.ndarray:
    if rule.when is None:
        return np.ones(len(typed), dtype=bool)
    return typed[rule.when.column].isin(rule.when.values).to_numpy(dtype=bool)


def rule_problems(
    spec: EntitySpec, typed: pd.DataFrame, bad_cells: dict[str, np.ndarray]
) -> list[CellProblem]:
    """Row rules of ``spec`` on ``typed``.

    A rule is not checked on a row where one of its cells (or its ``when`` cell) already
    has a problem: the row is rejected anyway and the rule could not be judged fairly.
    """
    problems: list[CellProblem] = []
    for rule in spec.rules:
        if rule.is_table_rule:
            continue
        involved = list(rule.columns) + ([rule.when.column] if rule.when else [])
        clean = ~np.logical_or.reduce([bad_cells[c] for c in involved])
        failing, detail = _rule_failures(rule, typed)
        failing &= clean & _mask(typed, rule)
        for pos in np.flatnonzero(failing).tolist():
            reason = rule.message + (f" ({detail[pos]})" if detail and detail[pos] else "")
            columns = _rule_columns(rule, typed, pos)
            problems.append(CellProblem(pos, columns, reason))
    return problems


def _missing(value: object) -> bool:
    return value is None or (not isinstance(value, list) and bool(pd.isna(value)))


def _rule_columns(rule: RuleSpec, typed: pd.DataFrame, pos: int) -> tuple[str, ...]:
    """The column(s) a rule reject points to."""
    if rule.kind in ("min_distinct", "not_before", "bounds_from_indicator"):
        return (rule.columns[0],)
    if rule.kind == "required":
        missing = tuple(c for c in rule.columns if _missing(typed.at[pos, c]))
        return missing or rule.columns
    return rule.columns


def table_rule_problems(
    spec: EntitySpec,
    typed: pd.DataFrame,
    positions: Iterable[int],
    lines: list[int],
    texts: dict[str, list[str]],
) -> list[CellProblem]:
    """Rules comparing rows (``same_value_per_key``), over ``positions`` in file order."""
    problems: list[CellProblem] = []
    order = list(positions)
    for rule in spec.rules:
        if not rule.is_table_rule:
            continue
        key_col, value_col = rule.columns
        first: dict[object, tuple[object, int]] = {}
        keys, values = typed[key_col].tolist(), typed[value_col].tolist()
        for pos in order:
            key, value = keys[pos], values[pos]
            if key is None:
                continue
            if key not in first:
                first[key] = (value, pos)
            elif first[key][0] != value:
                seen_pos = first[key][1]
                seen_text = texts[value_col][seen_pos]
                problems.append(
                    CellProblem(
                        pos,
                        (value_col,),
                        f"{rule.message} (ligne {lines[seen_pos]} : « {seen_text} »)",
                    )
                )
    return problems
