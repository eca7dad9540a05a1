"""The optional ``mesure`` column of the alliances, experimentations and catalyseurs files:
absent, filled with one or several mesure ids, or naming a mesure the mesures file lacks."""

from __future__ import annotations

import pytest
from tests.fixtures_domain import ALLIANCES_HEADER, MESURES_TEXT, REFS, alliance, assert_accounting, write

from etl.domain.loader import DomainFileError, load_domain_dir
from etl.domain.provenance import domain_sources

_EXPERIMENTATIONS = "id;intitule;porteur;echelle;commune;departement;montant;annee;statut;evaluation;mesure\n"
_CATALYSEURS = "id;nom;type_structure;commune;territoire_communes;annee_adhesion;mesure\n"


def _load(tmp_path):
    result = load_domain_dir(tmp_path, REFS)
    assert_accounting(result)
    return result


def _alliances(tmp_path, *mesures: str) -> None:
    """An alliances file with a ``mesure`` column (last, the order of columns is free)."""
    lines = [alliance(id=f"AL-{k}") + f";{cell}" for k, cell in enumerate(mesures, start=1)]
    write(tmp_path, "alliances.csv", "\n".join([ALLIANCES_HEADER + ";mesure", *lines]) + "\n")


def test_a_file_without_the_column_loads_as_before_even_without_the_mesures_file(tmp_path):
    write(tmp_path, "alliances.csv", f"{ALLIANCES_HEADER}\n{alliance()}\n")
    result = _load(tmp_path)
    assert result.rejects == [] and result.file_counts[0].loaded == 1
    assert result.tables["alliances"]["mesure"].isna().all()
    assert "mesure" not in result.columns["alliances"]
    entry = next(e for e in domain_sources(result) if e["entite"] == "alliances")
    assert "mesure" not in entry["colonnes"] and "odd" in entry["colonnes"]


def test_one_or_several_mesures_per_row(tmp_path):
    write(tmp_path, "mesures.csv", MESURES_TEXT)
    _alliances(tmp_path, "M01", "M02|M03", " M01 | M03 |", "", "M02|M02")
    result = _load(tmp_path)
    assert result.rejects == []
    table = result.tables["alliances"].set_index("id")
    assert table.loc["AL-1", "mesure"] == ["M01"]
    assert table.loc["AL-2", "mesure"] == ["M02", "M03"]
    assert table.loc["AL-3", "mesure"] == ["M01", "M03"]  # spaces and the empty item ignored
    assert table.loc["AL-4", "mesure"] is None  # an empty cell links the row to no mesure
    assert table.loc["AL-5", "mesure"] == ["M02"]  # a repeated id counts once
    assert "mesure" in result.columns["alliances"]
    entry = next(e for e in domain_sources(result) if e["entite"] == "alliances")
    assert "mesure" in entry["colonnes"]
    # the mesures referential is validated first, the report keeps the files' order
    assert [c.entity for c in result.file_counts] == ["alliances", "mesures"]


def test_an_unknown_mesure_rejects_the_row_with_file_line_column_value_and_reason(tmp_path):
    write(tmp_path, "mesures.csv", MESURES_TEXT)
    _alliances(tmp_path, "M01", "M01|M99|M98", '"M01 ; M02"')
    result = _load(tmp_path)
    assert result.tables["alliances"]["id"].tolist() == ["AL-1"]
    unknown, semicolon = result.rejects
    assert (unknown.file, unknown.line, unknown.column, unknown.value) == ("alliances.csv", 3, "mesure", "M01|M99|M98")
    assert unknown.reason == "mesure « M99 », « M98 » introuvable dans le fichier mesures (colonne id)"
    # the list separator is |, as in every list cell: « ; » (in a quoted cell) makes one unknown id
    assert (semicolon.line, semicolon.value) == (4, "M01 ; M02")
    assert semicolon.reason == "mesure « M01 ; M02 » introuvable dans le fichier mesures (colonne id)"


def test_a_mesure_named_without_the_mesures_file_rejects_the_row_not_the_folder(tmp_path):
    _alliances(tmp_path, "", "M01")
    result = _load(tmp_path)
    assert result.tables["alliances"]["id"].tolist() == ["AL-1"]
    reject = result.rejects[0]
    assert (reject.line, reject.column, reject.value) == (3, "mesure", "M01")
    assert reject.reason == "mesure « M01 » introuvable : le dossier n'a pas de fichier mesures"


def test_the_follow_up_still_requires_the_mesures_file(tmp_path):
    _alliances(tmp_path, "")
    write(tmp_path, "mesures_suivi.csv", "mesure;date_point;statut;avancement\nM01;2021-06-30;en_cours;40\n")
    with pytest.raises(DomainFileError, match="mesures_suivi.csv : il faut aussi le fichier « mesures »"):
        load_domain_dir(tmp_path, REFS)


def test_experimentations_and_catalyseurs_take_the_same_column(tmp_path):
    write(tmp_path, "mesures.csv", MESURES_TEXT)
    write(tmp_path, "experimentations.csv", _EXPERIMENTATIONS
          + "EXP-1;Essai;Association A;territoriale;12145;;80000;2021;en_cours;en_cours;M02|M03\n"
          + "EXP-2;Essai national;Fondation B;nationale;;;90000;2022;en_cours;a_venir;M07\n")
    write(tmp_path, "catalyseurs.csv", _CATALYSEURS
          + "CAT-1;Maison des alliances;association;12145;12145;2016;M01\n"
          + "CAT-2;Pôle des coopérations;association;12208;12208;2018;\n")
    result = _load(tmp_path)
    assert result.tables["experimentations"]["mesure"].tolist() == [["M02", "M03"]]
    assert result.tables["catalyseurs"]["mesure"].tolist() == [["M01"], None]
    (reject,) = result.rejects
    assert (reject.file, reject.line, reject.column, reject.value) == ("experimentations.csv", 3, "mesure", "M07")
