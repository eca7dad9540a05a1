"""Dates: Excel serial numbers read as dates in workbooks, a plausible window for every
date and year column."""

from __future__ import annotations

from datetime import date

import openpyxl
from tests.fixtures_domain import REFS, alliance, alliances_text, assert_accounting, write

from atlas.entities import date_window
from etl.domain.loader import load_domain_dir

LAST = date_window()[1]
WINDOW = f"du 01/01/1990 au {LAST:%d/%m/%Y}"


def _load(directory):
    result = load_domain_dir(directory, REFS)
    assert_accounting(result)
    return result


def test_serial_dates_in_general_cells_are_read_as_dates(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "alliances"
    sheet.append(["id", "intitule", "date_debut", "date_fin", "statut", "communes", "types_partenaires", "forme"])
    sheet.append(["A1", "Serial entier", 45395, 45474.0, "terminee", "12145", "association|entreprise", "mecenat"])
    sheet.append(["A2", "Serial décimal", 45395.75, None, "active", "12145", "association|entreprise", "mecenat"])
    sheet.append(["A3", "Année tapée", 2021, None, "active", "12145", "association|entreprise", "mecenat"])
    sheet.append(["A4", "Hors fenêtre", 400000, None, "active", "12145", "association|entreprise", "mecenat"])
    for row in sheet.iter_rows(min_row=2):
        assert row[2].number_format == "General"
    workbook.save(tmp_path / "alliances.xlsx")
    result = _load(tmp_path)
    table = result.tables["alliances"]
    assert table["date_debut"].tolist() == [date(2024, 4, 13), date(2024, 4, 13)]
    assert table["date_fin"].tolist()[0] == date(2024, 7, 1)
    assert [(r.line, r.column, r.value) for r in result.rejects] == [
        (4, "date_debut", "2021"), (5, "date_debut", "400000")]
    assert all(r.reason.startswith("date invalide") for r in result.rejects)


def test_implausible_dates_are_rejected_with_the_window(tmp_path):
    late = date(LAST.year + 1, 1, 1).isoformat()
    result = _load(write(tmp_path, "alliances.csv", alliances_text(
        alliance(id="A1", date_debut="2999-01-01"),
        alliance(id="A2", date_debut="31/12/1989"),
        alliance(id="A3", date_debut="1990-01-01", date_fin=LAST.isoformat(), statut="terminee"),
        alliance(id="A4", date_debut="2020-01-01", date_fin=late),
    )).parent)
    assert [(r.line, r.column, r.reason) for r in result.rejects] == [
        (2, "date_debut", f"valeur « 2999-01-01 » hors des bornes permises ({WINDOW})"),
        (3, "date_debut", f"valeur « 31/12/1989 » hors des bornes permises ({WINDOW})"),
        (5, "date_fin", f"valeur « {late} » hors des bornes permises ({WINDOW})"),
    ]
    assert result.tables["alliances"]["id"].tolist() == ["A3"]


def test_implausible_years_are_rejected_with_the_window(tmp_path):
    write(tmp_path, "indicateurs.csv", "commune;indicateur;annee;valeur\n"
          "12208;taux_pauvrete;1000;14,2\n"
          f"12208;taux_pauvrete;{LAST.year + 1};14,2\n"
          f"12208;taux_pauvrete;{LAST.year};14,2\n")
    result = _load(tmp_path)
    years = f"de 1990 à {LAST.year}"
    assert [(r.line, r.column, r.reason) for r in result.rejects] == [
        (2, "annee", f"valeur « 1000 » hors des bornes permises ({years})"),
        (3, "annee", f"valeur « {LAST.year + 1} » hors des bornes permises ({years})"),
    ]
