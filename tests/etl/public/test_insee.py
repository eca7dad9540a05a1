"""The Insee / Observatoire des territoires reader on files written in their published layouts."""

from __future__ import annotations

import openpyxl
import pandas as pd
import pytest

from etl.domain.errors import DomainFileError
from etl.domain.loader import FileCount
from etl.domain.references import References
from etl.public import load_public_dir, public_files
from etl.public.insee import TABLE, supersede_own_indicators
from tests.support.insee_files import (
    write_comparateur_csv,
    write_comparateur_xlsx,
    write_filosofi,
    write_melodi,
    write_ot_csv,
    write_ot_xlsx,
)
from tests.support.small_warehouse import COMMUNES

#: The small warehouse's communes, one with a leading zero, and a former commune of 29004.
REFS = References(
    communes=frozenset({c.code for c in COMMUNES} | {"01001"}),
    historique={"29099": "29004"},
    arrondissements={},
    epci=frozenset(),
    departements=frozenset({"29", "22", "01"}),
    regions=frozenset({"53", "84"}),
)


def load(folder):
    return load_public_dir(folder, REFS)


def values(result, **where) -> dict:
    """``(commune, indicateur, annee) -> valeur or 's'`` of the loaded rows (filtered by column values)."""
    frame = result.tables[TABLE]
    for column, value in where.items():
        frame = frame[frame[column] == value]
    return {(r.commune, r.indicateur, int(r.annee)): ("s" if r.secret else r.valeur) for r in frame.itertuples()}


def count_of(result, file) -> FileCount:
    counts = [c for c in result.file_counts if c.file == file]
    assert len(counts) == 1, result.file_counts
    return counts[0]


def notes_of(result, file) -> str:
    return "\n".join(n.message for n in result.notes if n.file == file)


def assert_accounting(result):
    """read = loaded + rejected for every file, and every rejected row has its reasons."""
    for count in result.file_counts:
        assert count.read == count.loaded + count.rejected, count
        lines = {r.line for r in result.rejects if r.file == count.file}
        assert len(lines) == count.rejected, (count, lines)


def test_filosofi_values_secrets_rejects_and_columns(tmp_path):
    path = write_filosofi(tmp_path, [
        ("29001", "14,2", "21 340"),
        ("29002", "s", "s"),
        ("29003", "nd", "20 100"),
        ("29099", "9,8", "22 010"),   # former commune → 29004
        ("1001", "11", "23 000"),      # leading zero lost
        ("99999", "10", "20 000"),     # unknown
        ("22001", "abc", "19 000"),    # not a number
        ("22002", "", ""),             # no value at all
        ("22003", "150", "19 500"),    # out of bounds
        ("29004", "10,5", "21 000"),   # 29004 already given by its former commune 29099
    ])
    result = load(tmp_path)
    assert values(result) == {
        ("29001", "taux_pauvrete", 2021): 14.2, ("29001", "revenu_median", 2021): 21340.0,
        ("29002", "taux_pauvrete", 2021): "s", ("29002", "revenu_median", 2021): "s",
        ("29003", "taux_pauvrete", 2021): "s", ("29003", "revenu_median", 2021): 20100.0,
        ("29004", "taux_pauvrete", 2021): 9.8, ("29004", "revenu_median", 2021): 22010.0,
        ("01001", "taux_pauvrete", 2021): 11.0, ("01001", "revenu_median", 2021): 23000.0,
    }
    assert set(result.tables[TABLE]["source"]) == {path.name}
    assert count_of(result, path.name) == FileCount(path.name, "indicateurs", 10, 5, 5)
    assert_accounting(result)
    reasons = {r.line: r.reason for r in result.rejects}
    assert [(r.column, r.value) for r in result.rejects if r.line in (8, 10)] == [("TP6021", "abc"), ("TP6021", "150")]
    assert "inconnue des limites" in reasons[7]
    assert "« abc » : attendu un nombre" in reasons[8]
    assert "aucune valeur" in reasons[9]
    assert "hors des bornes" in reasons[10]
    assert "déjà donnée ligne 5" in reasons[11]
    assert [(m.ancien_code, m.code_actuel, m.line) for m in result.mappings] == [("29099", "29004", 5)]
    notes = notes_of(result, path.name)
    assert "colonnes utilisées : TP6021 → taux_pauvrete 2021" in notes and "MED21 → revenu_median 2021" in notes
    assert "colonnes ignorées (8) : NBMENFISC21, NBPERSMENFISC21, PIMP21, TP60AGE121" in notes


def test_a_file_at_another_level_is_reported_as_ignored(tmp_path):
    write_filosofi(tmp_path, [("29", "12,1", "21 000")], level="DEP")
    detected = public_files(tmp_path)
    assert [f.path.name for f in detected] == ["cc_filosofi_2021_DEP.csv"]
    assert "ignoré" in detected[0].layout
    result = load(tmp_path)
    assert result.file_counts == [] and values(result) == {}
    assert "niveau « DEP » (départements) : seul le niveau communal (COM) est lu, fichier ignoré" in notes_of(
        result, "cc_filosofi_2021_DEP.csv")
    assert result.sources[0]["lues"] == 0


def test_comparateur_csv_ratios_and_population(tmp_path):
    path = write_comparateur_csv(tmp_path, [
        {"CODGEO": "29001", "P21_POP": "15234", "MED21": "21 340", "TP6021": "12,5",
         "P21_CHOM1564": "700", "P21_ACT1564": "7000"},
        {"CODGEO": "29002", "P21_POP": "2310", "MED21": "s", "TP6021": "s",
         "P21_CHOM1564": "s", "P21_ACT1564": "1100"},
    ])
    result = load(tmp_path)
    assert values(result) == {
        ("29001", "population_municipale", 2021): 15234.0, ("29001", "revenu_median", 2021): 21340.0,
        ("29001", "taux_pauvrete", 2021): 12.5, ("29001", "taux_chomage", 2021): pytest.approx(10.0),
        ("29002", "population_municipale", 2021): 2310.0, ("29002", "revenu_median", 2021): "s",
        ("29002", "taux_pauvrete", 2021): "s", ("29002", "taux_chomage", 2021): "s",
    }
    assert count_of(result, path.name) == FileCount(path.name, "indicateurs", 2, 2, 0)
    assert "P21_CHOM1564/P21_ACT1564 → taux_chomage 2021" in notes_of(result, path.name)


def test_part_75_ans_plus_when_the_column_is_present(tmp_path):
    (tmp_path / "base_cc_comparateur.csv").write_text(
        "CODGEO;P21_POP;P21_POP75P\n29001;15000;1500\n29002;2000;s\n", encoding="utf-8")
    result = load(tmp_path)
    assert values(result, indicateur="part_75_ans_plus") == {
        ("29001", "part_75_ans_plus", 2021): pytest.approx(10.0), ("29002", "part_75_ans_plus", 2021): "s"}


def test_comparateur_xlsx_with_title_rows(tmp_path):
    path = write_comparateur_xlsx(
        tmp_path,
        [{"CODGEO": "29001", "P21_POP": "15234", "MED21": "21340"}, {"CODGEO": "22004", "P21_POP": "9870"}],
        arm_rows=[{"CODGEO": "75101", "P21_POP": "16000"}],
    )
    result = load(tmp_path)
    assert values(result) == {
        ("29001", "population_municipale", 2021): 15234.0, ("29001", "revenu_median", 2021): 21340.0,
        ("22004", "population_municipale", 2021): 9870.0,
    }
    count = count_of(result, path.name)
    assert (count.read, count.loaded) == (2, 2)
    # lines are the sheet's rows: 5 title rows, the header on row 6
    assert set(result.tables[TABLE]["ligne"]) == {7, 8}
    assert "feuille « COM » lue" in notes_of(result, path.name)


def test_observatoire_csv_needs_the_mapping_then_the_user_extends_it(tmp_path):
    path = write_ot_csv(tmp_path, "tx_chom_1564.csv", "tx_chom1564",
                        [("29001", "Saint-Éloi-des-Landes", "2020", "9,1"), ("29002", "Kerlouan-Vihan", "2020", "s")])
    result = load(tmp_path)
    assert values(result) == {} and result.file_counts == []
    assert "tx_chom1564 absent(s) des correspondances ([observatoire]), fichier ignoré" in notes_of(result, path.name)

    (tmp_path / "correspondances-indicateurs.toml").write_text(
        '[observatoire]\ntx_chom1564 = "taux_chomage"\n', encoding="utf-8")
    result = load(tmp_path)
    assert values(result) == {("29001", "taux_chomage", 2020): 9.1, ("29002", "taux_chomage", 2020): "s"}
    assert "colonnes utilisées : tx_chom1564 → taux_chomage" in notes_of(result, path.name)
    assert "correspondances de l'utilisateur" in notes_of(result, "correspondances-indicateurs.toml")
    assert_accounting(result)


def test_a_mapping_to_an_unknown_indicator_is_refused(tmp_path):
    write_ot_csv(tmp_path, "x.csv", "tx", [("29001", "A", "2020", "1")])
    (tmp_path / "correspondances-indicateurs.toml").write_text('[observatoire]\ntx = "chomage"\n', encoding="utf-8")
    with pytest.raises(DomainFileError, match="correspondances-indicateurs.toml.*indicateur inconnu « chomage »"):
        load(tmp_path)


def test_observatoire_xlsx_title_rows_metadata_sheet_and_years(tmp_path):
    path = write_ot_xlsx(tmp_path, "part_75_ans.xlsx", "part_75_ans_plus", [
        ("29001", "Saint-Éloi-des-Landes", "2015", "11,5"),
        ("29001", "Saint-Éloi-des-Landes", "2021", "12,75"),
        ("22001", "Plestin-Huel", "2021", "nd"),
        ("22001", "Plestin-Huel", "2021", "13"),   # same commune and year again
    ])
    result = load(tmp_path)
    assert values(result) == {
        ("29001", "part_75_ans_plus", 2015): 11.5, ("29001", "part_75_ans_plus", 2021): 12.75,
        ("22001", "part_75_ans_plus", 2021): "s",
    }
    assert count_of(result, path.name) == FileCount(path.name, "indicateurs", 4, 3, 1)
    assert "commune 22001 déjà donnée ligne 8 pour la même année" in result.rejects[0].reason
    assert "feuille « Données » lue" in notes_of(result, path.name)
    assert_accounting(result)


def test_observatoire_file_at_epci_level_is_ignored(tmp_path):
    path = write_ot_csv(tmp_path, "tx_pauvrete_epci.csv", "taux_pauvrete",
                        [("242900001", "Communauté du Haut-Léon", "2021", "12")])
    result = load(tmp_path)
    assert result.file_counts == [] and values(result) == {}
    assert "EPCI (EPCI) : seul le niveau communal est lu, fichier ignoré" in notes_of(result, path.name)


def test_melodi_long_format_levels_measures_and_secret_status(tmp_path):
    path = write_melodi(tmp_path, "DS_FILOSOFI_CC_2021_data.csv", [
        ("29001", "COM", "PR_MD60", "F", "2021", "13.4"),
        ("29001", "COM", "MED_SL", "F", "2021", "21450"),
        ("29002", "COM", "PR_MD60", "C", "2021", ""),       # confidential: secret
        ("29003", "COM", "PR_MD60", "F", "2021", ""),       # missing, not secret: rejected
        ("2024-COM-22001", "COM", "MED_SL", "F", "2021", "20010"),
        ("29001", "COM", "D1_SL", "F", "2021", "11000"),    # measure not mapped
        ("29", "DEP", "PR_MD60", "F", "2021", "12.9"),
        ("53", "REG", "PR_MD60", "F", "2021", "11.1"),
    ])
    result = load(tmp_path)
    assert values(result) == {
        ("29001", "taux_pauvrete", 2021): 13.4, ("29001", "revenu_median", 2021): 21450.0,
        ("29002", "taux_pauvrete", 2021): "s", ("22001", "revenu_median", 2021): 20010.0,
    }
    assert count_of(result, path.name) == FileCount(path.name, "indicateurs", 5, 4, 1)
    assert_accounting(result)
    assert [(r.line, r.column, r.reason) for r in result.rejects] == [
        (5, "OBS_VALUE", "valeur absente, sans statut de secret statistique")]
    notes = notes_of(result, path.name)
    assert "mesures absentes des correspondances ([melodi.mesures]), lignes ignorées : 1 ; mesures : D1_SL" in notes
    assert ("lignes d'un autre niveau que la commune, ignorées : 2 (DEP départements : 1, REG régions : 1)"
            in notes)


def test_the_first_file_wins_for_the_same_commune_indicator_and_year(tmp_path):
    write_filosofi(tmp_path, [("29001", "14,2", "21 340")])
    write_comparateur_csv(tmp_path, [{"CODGEO": "29001", "MED21": "21 300", "P21_POP": "15000"}])
    result = load(tmp_path)
    assert values(result, indicateur="revenu_median") == {("29001", "revenu_median", 2021): 21300.0}
    assert ("valeurs déjà données par base_cc_comparateur.csv (même commune, indicateur et année), laissées de "
            "côté : 1" in notes_of(result, "cc_filosofi_2021_COM.csv"))


def test_public_values_replace_our_own_for_the_same_key(tmp_path):
    write_filosofi(tmp_path, [("29001", "14,2", "21 340")])
    result = load(tmp_path)
    own = pd.DataFrame({
        "commune": ["29001", "29001", "29002"], "indicateur": ["taux_pauvrete", "taux_pauvrete", "taux_pauvrete"],
        "annee": [2021, 2019, 2021], "valeur": [9.0, 9.5, 11.0], "demo": [True, True, True], "ligne": [2, 3, 4],
    })
    tables = {"indicateurs": own}
    notes = supersede_own_indicators(tables, result, "indicateurs.csv")
    assert tables["indicateurs"]["ligne"].tolist() == [3, 4]
    assert [n.message for n in notes] == [
        "fichier indicateurs.csv : valeurs remplacées par celles des fichiers publics (même commune, "
        "indicateur et année) : 1, dont 1 de démonstration"]


def test_a_file_without_commune_rows_says_so(tmp_path):
    write_filosofi(tmp_path, [])
    write_melodi(tmp_path, "DS_FILOSOFI_CC_data.csv", [("29", "DEP", "PR_MD60", "F", "2021", "12.9")])
    result = load(tmp_path)
    assert result.file_counts == []
    for name in ("cc_filosofi_2021_COM.csv", "DS_FILOSOFI_CC_data.csv"):
        assert "aucune ligne de données au niveau communal" in notes_of(result, name)


def test_an_unusable_file_is_refused_with_a_french_message(tmp_path):
    (tmp_path / "cc_filosofi_2021_COM.csv").write_text("COMMUNE;TP6021\n29001;12\n", encoding="utf-8")
    with pytest.raises(DomainFileError, match=r"cc_filosofi_2021_COM.csv : colonne « CODGEO » introuvable"):
        load(tmp_path)
    (tmp_path / "cc_filosofi_2021_COM.csv").unlink()
    write_comparateur_xlsx(tmp_path, [{"CODGEO": "29001", "P21_POP": "100"}])
    book = openpyxl.load_workbook(tmp_path / "base-cc-comparateur.xlsx")
    book["COM"].title = "Communes"
    book.save(tmp_path / "base-cc-comparateur.xlsx")
    with pytest.raises(DomainFileError, match=r"base-cc-comparateur.xlsx : feuille « COM » absente ; feuilles : "
                                              r"Communes, ARM"):
        load(tmp_path)
