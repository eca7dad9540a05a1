"""The plausible window of dates, declared once in the spec format."""

from __future__ import annotations

from datetime import date

import pytest

from atlas.entities import ENTITIES, ColumnSpec, date_window


def test_window_runs_from_1990_to_next_year_plus_ten():
    assert date_window(date(2026, 12, 1)) == (date(1990, 1, 1), date(2037, 12, 31))


def test_every_date_and_year_column_lies_in_the_window():
    dates = date_window()
    years = (dates[0].year, dates[1].year)
    for spec in ENTITIES.values():
        for col in spec.columns:
            if col.item_type == "int" and col.name.startswith("annee"):
                assert col.year, (spec.name, col.name)
            if col.item_type == "date" or col.year:
                start, end = years if col.year else dates
                lo, hi = col.bounds()
                assert start <= lo <= hi == end, (spec.name, col.name)


def test_own_bounds_narrow_the_window():
    crte = ENTITIES["crte"].column("date_signature")
    assert crte.bounds(date(2026, 1, 1)) == (date(2020, 1, 1), date(2037, 12, 31))
    adhesion = ENTITIES["catalyseurs"].column("annee_adhesion")
    assert adhesion.bounds(date(2026, 1, 1)) == (2014, 2037)
    assert ENTITIES["alliances"].column("budget").bounds() == (0, None)


def test_only_int_columns_hold_years():
    with pytest.raises(ValueError, match="only an int column holds a year"):
        ColumnSpec("annee", "str", True, "Année.", "2021", year=True)
