"""The domain loader: one case per class of bad input, the accounting, the formats.

Every test writes its files into ``tmp_path`` and loads them against the small
references of :mod:`fixtures_domain`. A reject is checked on its reason (French), its
line and its column; every load is checked for ``read = loaded + rejected``.
"""

from __future__ import annotations

import codecs
from datetime import date
from pathlib import Path

import openpyxl
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from tests.fixtures_domain import (
    ALLIANCES_HEADER,
    MESURES_TEXT,
    REFS,
    SUIVI_HEADER,
    alliance,
    alliances_text,
    assert_accounting,
    demo_geography,
    only_reject,
    references_of,
    write,
)

from atlas.entities import date_window
from etl.demo import generate_demo
from etl.domain.loader import (
    LINE_COLUMN,
    CodeMapping,
    DomainFileError,
    DomainLoad,
    FileCount,
    Reject,
    load_domain_dir,
)
from atlas.entities import ENTITIES


def load(directory: Path) -> DomainLoad:
    result = load_domain_dir(directory, REFS)
    assert_accounting(result)
    return result


def load_alliances(tmp_path: Path, *lines: str, **kwargs) -> DomainLoad:
    write(tmp_path, "alliances.csv", alliances_text(*lines, **kwargs))
    return load(tmp_path)


# --------------------------------------------------------------------------- valid input


def test_valid_rows_get_canonical_values(tmp_path):
    result = load_alliances(
        tmp_path,
        alliance(),
        alliance(
            id="AL-2",
            date_debut="15/03/2022",
            date_fin="30/06/2024",
            statut="Terminée",
            communes="",
            epci="200066637",
            types_partenaires="Collectivité | Initiative citoyenne|CITOYENS",
            forme="Innovation sociétale",
            odd="11||3",
            budget="12 500,50",
            demo="oui",
        ),
        alliance(id="AL-3", communes="1001|2a004|97411", budget="", demo=""),
    )
    assert result.rejects == []
    assert result.file_counts == [FileCount("alliances.csv", "alliances", 3, 3, 0)]
    table = result.tables["alliances"]
    assert list(table.columns) == [*ENTITIES["alliances"].column_names, LINE_COLUMN]
    first, second, third = table.to_dict("records")
    assert first["date_debut"] == date(2019, 9, 1)
    assert first["communes"] == ["12145", "12208"]
    assert first["odd"] == [2, 17]
    assert first["demo"] is False or first["demo"] == False  # noqa: E712 - pandas BooleanDtype
    assert second["date_debut"] == date(2022, 3, 15) and second["date_fin"] == date(2024, 6, 30)
    assert second["statut"] == "terminee"
    assert second["communes"] is None and second["epci"] == "200066637"
    assert second["types_partenaires"] == ["collectivite", "citoyens"]
    assert second["forme"] == "innovation_societale"
    assert second["odd"] == [11, 3]
    assert second["budget"] == 12500.5
    assert bool(second["demo"]) is True
    assert third["communes"] == ["01001", "2A004", "97411"]
    assert pd.isna(third["budget"])
    assert [first[LINE_COLUMN], second[LINE_COLUMN], third[LINE_COLUMN]] == [2, 3, 4]
    assert str(table["budget"].dtype) == "float64"
    assert str(result.tables["experimentations"]["annee"].dtype) == "Int64"
    assert result.mappings == []


def test_absent_files_give_empty_typed_tables(tmp_path):
    result = load(tmp_path)
    assert result.file_counts == [] and result.rejects == []
    assert set(result.tables) == set(ENTITIES)
    for name, spec in ENTITIES.items():
        assert list(result.tables[name].columns) == [*spec.column_names, LINE_COLUMN]
        assert len(result.tables[name]) == 0


# --------------------------------------------------------------------------- encoding


def test_cp1252_file_is_read(tmp_path):
    text = alliances_text(alliance(intitule="Rénovation énergétique – Millau"))
    write(tmp_path, "alliances.csv", text.replace("–", "-"), encoding="cp1252")
    result = load(tmp_path)
    assert result.rejects == []
    assert result.tables["alliances"].loc[0, "intitule"] == "Rénovation énergétique - Millau"
    assert any("Windows-1252" in w for w in result.warnings)


def test_utf8_with_bom_is_read(tmp_path):
    path = tmp_path / "alliances.csv"
    path.write_bytes(codecs.BOM_UTF8 + alliances_text(alliance()).encode("utf-8"))
    result = load(tmp_path)
    assert result.rejects == [] and result.tables["alliances"].loc[0, "id"] == "AL-1"


def test_undecodable_file_stops_with_the_encodings_tried(tmp_path):
    # 0x81 is neither valid UTF-8 here nor defined in Windows-1252.
    data = alliances_text(alliance()).encode("utf-8") + b"AL-2;Caf\x81;2019-09-01\n"
    (tmp_path / "alliances.csv").write_bytes(data)
    with pytest.raises(DomainFileError) as info:
        load_domain_dir(tmp_path, REFS)
    message = str(info.value)
    assert message.startswith("fichier alliances.csv : encodage non reconnu")
    assert "UTF-8 (avec ou sans BOM)" in message and "Windows-1252 (cp1252)" in message
    assert "0x81 ligne 3" in message
    assert info.value.files == ("alliances.csv",)


def test_utf16_file_stops_with_a_clear_message(tmp_path):
    write(tmp_path, "alliances.csv", alliances_text(alliance()), encoding="utf-16")
    with pytest.raises(
        DomainFileError, match=r"^fichier alliances\.csv : fichier binaire ou encodé en UTF-16"
    ):
        load_domain_dir(tmp_path, REFS)


# --------------------------------------------------------------------------- separator


@pytest.mark.parametrize("sep", [";", ","])
def test_separator_is_sniffed(tmp_path, sep):
    header = ALLIANCES_HEADER.replace(";", sep)
    lines = [
        alliance(sep),
        alliance(
            sep,
            id="AL-2",
            date_debut="15/03/2022",
            budget='"12 500,50"' if sep == "," else "12 500,50",
        ),
    ]
    result = load_alliances(tmp_path, *lines, header=header)
    assert result.rejects == []
    assert result.tables["alliances"]["budget"].tolist() == [45000.0, 12500.5]
    assert result.tables["alliances"]["communes"].tolist() == [["12145", "12208"]] * 2


def test_unquoted_decimal_comma_with_comma_separator_rejects_the_row(tmp_path):
    header = ALLIANCES_HEADER.replace(";", ",")
    result = load_alliances(
        tmp_path, alliance(","), alliance(",", id="AL-2", budget="12,5"), header=header
    )
    reject = only_reject(result)
    assert (reject.line, reject.column, reject.value) == (3, None, "false")
    assert reject.reason.startswith("ligne de 13 cellules pour 12 colonnes d'en-tête")
    assert "entre guillemets" in reject.reason
    assert result.file_counts[0] == FileCount("alliances.csv", "alliances", 2, 1, 1)


# --------------------------------------------------------------------------- structure


def test_missing_required_column_stops_with_the_expected_columns(tmp_path):
    header = ALLIANCES_HEADER.replace("date_debut;", "")
    line = alliance().replace(";2019-09-01", "")
    write(tmp_path, "alliances.csv", alliances_text(line, header=header))
    with pytest.raises(DomainFileError) as info:
        load_domain_dir(tmp_path, REFS)
    message = str(info.value)
    assert message.startswith(
        "fichier alliances.csv : colonne obligatoire « date_debut » absente ; colonnes attendues : "
        "id, intitule, date_debut, date_fin,"
    )
    assert "obligatoires : id, intitule, date_debut, statut, types_partenaires, forme" in message


def test_headers_are_matched_loosely_and_unknown_columns_ignored(tmp_path):
    header = "ID;Intitulé;Date début;Statut;Communes;Types partenaires;FORME;Remarque"
    line = "AL-1;Épicerie;2019-09-01;active;12145;association|entreprise;mecenat;à revoir"
    result = load_alliances(tmp_path, line, header=header)
    assert result.rejects == []
    row = result.tables["alliances"].iloc[0]
    assert row["intitule"] == "Épicerie" and row["date_debut"] == date(2019, 9, 1)
    assert bool(row["demo"]) is False and row["date_fin"] is None
    assert result.warnings == [
        "fichier alliances.csv : colonne(s) inconnue(s) ignorée(s) : « Remarque »"
    ]


def test_duplicated_header_column_stops(tmp_path):
    header = ALLIANCES_HEADER + ";Statut"
    write(tmp_path, "alliances.csv", alliances_text(alliance() + ";active", header=header))
    with pytest.raises(DomainFileError, match=r"colonne\(s\) en double : « statut »"):
        load_domain_dir(tmp_path, REFS)


@pytest.mark.parametrize("content", [b"", b"\n\n  \n", codecs.BOM_UTF8, b";;;\n"])
def test_empty_file_stops(tmp_path, content):
    (tmp_path / "alliances.csv").write_bytes(content)
    with pytest.raises(DomainFileError) as info:
        load_domain_dir(tmp_path, REFS)
    assert str(info.value).startswith(
        "fichier alliances.csv : fichier vide, aucune ligne d'en-tête"
    )


def test_header_only_loads_zero_rows(tmp_path):
    result = load_alliances(tmp_path)
    assert result.file_counts == [FileCount("alliances.csv", "alliances", 0, 0, 0)]
    assert len(result.tables["alliances"]) == 0


def test_blank_lines_are_skipped_and_keep_line_numbers(tmp_path):
    text = (
        ";;;\n"
        + ALLIANCES_HEADER
        + "\n\n"
        + alliance()
        + "\n;;;;;;;;;;;\n   \n"
        + alliance(id="AL-2", date_debut="hier")
        + "\r\n"
        + alliance(id="AL-3", intitule='"Deux lignes\ndans une cellule"')
        + "\n"
        + alliance(id="AL-4")
        + "\n\n"
    )
    write(tmp_path, "alliances.csv", text)
    result = load(tmp_path)
    # Blank rows are neither read nor rejected.
    assert result.file_counts == [FileCount("alliances.csv", "alliances", 4, 3, 1)]
    reject = only_reject(result)
    assert (reject.line, reject.column, reject.value) == (7, "date_debut", "hier")
    table = result.tables["alliances"]
    assert table["id"].tolist() == ["AL-1", "AL-3", "AL-4"]
    assert table[LINE_COLUMN].tolist() == [4, 8, 9]  # spreadsheet rows: the header is line 2
    assert table.loc[1, "intitule"] == "Deux lignes\ndans une cellule"


@pytest.mark.parametrize("rows_after", [1, 3000])  # 3000 rows: beyond csv's default field limit
def test_unclosed_quote_rejects_the_row_that_swallows_the_end(tmp_path, rows_after):
    after = [alliance(id=f"AL-{k}") for k in range(3, 3 + rows_after)]
    text = alliances_text(alliance(), alliance(id="AL-2", intitule='"Sans fin'), *after)
    write(tmp_path, "alliances.csv", text)
    result = load(tmp_path)
    reject = only_reject(result)
    assert (reject.line, reject.column) == (3, None)
    assert reject.reason.startswith("guillemet ouvert et jamais fermé : la suite du fichier")
    assert result.file_counts == [FileCount("alliances.csv", "alliances", 2, 1, 1)]


# --------------------------------------------------------------------------- codes


@pytest.mark.parametrize(
    ("column", "cell", "reason"),
    [
        ("communes", "12145|1234567", "code commune invalide « 1234567 » : 5 caractères attendus"),
        ("communes", "2C004", "code commune invalide « 2C004 »"),
        ("epci", "20006663", "SIREN d'EPCI invalide « 20006663 » : 9 chiffres attendus"),
    ],
)
def test_malformed_code_rejects_the_row(tmp_path, column, cell, reason):
    values = {"communes": "", column: cell} if column == "epci" else {column: cell}
    result = load_alliances(tmp_path, alliance(), alliance(id="AL-2", **values))
    reject = only_reject(result)
    assert (reject.line, reject.column, reject.value) == (3, column, cell)
    assert reject.reason.startswith(reason)


@pytest.mark.parametrize(
    ("column", "cell", "reason"),
    [
        ("communes", "12145|99999", "code commune inconnu « 99999 »"),
        ("communes", "1234", "code commune inconnu « 01234 »"),
        ("epci", "200000000", "SIREN d'EPCI inconnu « 200000000 »"),
    ],
)
def test_unknown_code_rejects_the_row(tmp_path, column, cell, reason):
    values = {"communes": "", column: cell} if column == "epci" else {column: cell}
    result = load_alliances(tmp_path, alliance(id="AL-2", **values))
    reject = only_reject(result)
    assert (reject.file, reject.line, reject.column, reject.value, reject.reason) == (
        "alliances.csv",
        2,
        column,
        cell,
        reason,
    )
    assert result.file_counts[0] == FileCount("alliances.csv", "alliances", 1, 0, 1)


def test_codes_lose_nothing_to_spreadsheets(tmp_path):
    text = (
        "id;nom;type_structure;commune;latitude;longitude;territoire_communes;"
        "territoire_epci;territoire_departements;annee_adhesion;demo\n"
        "CAT-1;Maison des coopérations;Tiers-lieu;1001;46,2;5.2;1004|2b033;;1|2a|974;2016;\n"
    )
    write(tmp_path, "catalyseurs.csv", text)
    result = load(tmp_path)
    assert result.rejects == []
    row = result.tables["catalyseurs"].iloc[0]
    assert row["commune"] == "01001"
    assert row["territoire_communes"] == ["01004", "2B033"]
    assert row["territoire_departements"] == ["01", "2A", "974"]
    assert row["type_structure"] == "tiers_lieu"
    assert (row["latitude"], row["longitude"], row["annee_adhesion"]) == (46.2, 5.2, 2016)


def test_catalyseur_contact_is_optional_and_kept_as_written(tmp_path):
    text = (
        "id;nom;type_structure;commune;territoire_epci;annee_adhesion;email;telephone;site\n"
        "CAT-1;Maison des coopérations;association;1001;200066637;2016;contact@maison.fr;04 74 00 00 00;"
        "https://maison.fr\n"
        "CAT-2;Pôle;association;1004;200066637;2018;;;\n"
    )
    write(tmp_path, "catalyseurs.csv", text)
    result = load(tmp_path)
    assert result.rejects == []
    rows = result.tables["catalyseurs"].set_index("id")
    assert list(rows.loc["CAT-1", ["email", "telephone", "site"]]) == ["contact@maison.fr", "04 74 00 00 00",
                                                                      "https://maison.fr"]
    assert rows.loc["CAT-2", ["email", "telephone", "site"]].isna().all()


def test_merged_commune_and_arrondissement_are_mapped_and_recorded(tmp_path):
    result = load_alliances(
        tmp_path,
        alliance(communes="14047|12145"),
        alliance(id="AL-2", communes="14472|14581|14047"),
        alliance(id="AL-3", communes="75101|13201|69381"),
        alliance(id="AL-4", communes="14047|99999"),  # rejected: no mapping recorded
    )
    assert [r.reason for r in result.rejects] == ["code commune inconnu « 99999 »"]
    assert result.tables["alliances"]["communes"].tolist() == [
        ["14581", "12145"],
        ["14581"],
        ["75056", "13055", "69123"],
    ]
    assert result.mappings == [
        CodeMapping("alliances.csv", 2, "communes", "14047", "14581"),
        CodeMapping("alliances.csv", 3, "communes", "14472", "14581"),
        CodeMapping("alliances.csv", 3, "communes", "14047", "14581"),
        CodeMapping("alliances.csv", 4, "communes", "75101", "75056"),
        CodeMapping("alliances.csv", 4, "communes", "13201", "13055"),
        CodeMapping("alliances.csv", 4, "communes", "69381", "69123"),
    ]


def test_unknown_departement_and_region(tmp_path):
    write(tmp_path, "mesures.csv", MESURES_TEXT)
    suivi = f"{SUIVI_HEADER}\nM01;2021-06-30;en_cours;40;6;;\nM01;2021-06-30;en_cours;40;4;;\n"
    write(tmp_path, "mesures_suivi.csv", suivi)
    exp = (
        "id;intitule;porteur;echelle;commune;departement;montant;annee;statut;evaluation;commentaire;demo\n"
        "EXP-1;Titre;Porteur;territoriale;;96;1000;2021;en_cours;en_cours;;\n"
        "EXP-2;Titre;Porteur;territoriale;;976;1000;2021;en_cours;en_cours;;\n"
    )
    write(tmp_path, "experimentations.csv", exp)
    result = load(tmp_path)
    assert [(r.file, r.line, r.column, r.reason) for r in result.rejects] == [
        (
            "experimentations.csv",
            2,
            "departement",
            "code département invalide « 96 » : attendu 01 à 95, 2A, 2B ou 971 à 976",
        ),
        ("experimentations.csv", 3, "departement", "code département inconnu « 976 »"),
        ("mesures_suivi.csv", 2, "region", "code région inconnu « 06 »"),
    ]
    assert result.tables["mesures_suivi"]["region"].tolist() == ["04"]


# --------------------------------------------------------------------------- keys


def test_duplicate_id_keeps_the_first(tmp_path):
    result = load_alliances(
        tmp_path,
        alliance(id="A-0001"),
        alliance(id="A-0002"),
        alliance(id="A-0001", intitule="Autre"),
        alliance(id="A-0001", intitule="Encore"),
    )
    assert [(r.line, r.column, r.value, r.reason) for r in result.rejects] == [
        (4, "id", "A-0001", "identifiant « A-0001 » déjà présent ligne 2"),
        (5, "id", "A-0001", "identifiant « A-0001 » déjà présent ligne 2"),
    ]
    assert result.tables["alliances"]["intitule"].tolist() == ["Épicerie solidaire"] * 2


def test_duplicate_of_a_rejected_row_is_kept(tmp_path):
    result = load_alliances(
        tmp_path, alliance(id="A-1", date_debut="2019-13-01"), alliance(id="A-1")
    )
    reject = only_reject(result)
    assert (reject.line, reject.column) == (2, "date_debut")
    assert result.tables["alliances"][LINE_COLUMN].tolist() == [3]


def test_composite_key_compares_typed_values(tmp_path):
    write(tmp_path, "mesures.csv", MESURES_TEXT)
    suivi = (
        f"{SUIVI_HEADER}\n"
        "M01;2021-06-30;en_cours;40;;;\n"
        "M01;30/06/2021;en_cours;45;;;\n"
        "M01;30/06/2021;en_cours;45;84;;\n"
        "M09;2021-06-30;en_cours;45;;;\n"
    )
    write(tmp_path, "mesures_suivi.csv", suivi)
    result = load(tmp_path)
    assert [(r.line, r.column, r.reason) for r in result.rejects] == [
        (
            3,
            "mesure, date_point, region",
            "clé déjà présente ligne 2 : mesure « M01 », date_point « 30/06/2021 », region vide",
        ),
        (5, "mesure", "mesure « M09 » introuvable dans le fichier mesures (colonne id)"),
    ]
    assert result.file_counts[-1] == FileCount("mesures_suivi.csv", "mesures_suivi", 4, 2, 2)


# --------------------------------------------------------------------------- values


@pytest.mark.parametrize(
    ("values", "column", "cell", "reason"),
    [
        (
            {"date_debut": "31/02/2021"},
            "date_debut",
            "31/02/2021",
            "date invalide « 31/02/2021 » : attendu JJ/MM/AAAA ou AAAA-MM-JJ",
        ),
        ({"date_debut": "15/03/21"}, "date_debut", "15/03/21", "date invalide « 15/03/21 »"),
        ({"date_debut": "2021-06"}, "date_debut", "2021-06", "date invalide « 2021-06 »"),
    ],
)
def test_bad_date(tmp_path, values, column, cell, reason):
    reject = only_reject(load_alliances(tmp_path, alliance(**values)))
    assert (reject.line, reject.column, reject.value) == (2, column, cell)
    assert reject.reason.startswith(reason)


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ("12k", "nombre invalide « 12k » : chiffres attendus, sans unité"),
        ("45 000 €", "nombre invalide « 45 000 € »"),
        ("1.234,5", "nombre invalide « 1.234,5 » : un seul séparateur décimal"),
        ("nan", "nombre invalide « nan »"),
    ],
)
def test_bad_number(tmp_path, cell, reason):
    reject = only_reject(load_alliances(tmp_path, alliance(budget=cell)))
    assert (reject.line, reject.column, reject.value) == (2, "budget", cell)
    assert reject.reason.startswith(reason)


def test_overlong_typed_value(tmp_path):
    reject = only_reject(load_alliances(tmp_path, alliance(budget="9" * 250)))
    assert (reject.line, reject.column) == (2, "budget")
    assert (
        reject.reason == "valeur trop longue (250 caractères) pour une colonne de type « nombre »"
    )


def test_bad_integer_and_boolean(tmp_path):
    result = load_alliances(tmp_path, alliance(odd="2|3,5"), alliance(id="AL-2", demo="peut-être"))
    assert [(r.line, r.column, r.reason) for r in result.rejects] == [
        (2, "odd", "nombre entier attendu, lu « 3,5 »"),
        (
            3,
            "demo",
            "booléen invalide « peut-être » : attendu vrai/faux, oui/non, true/false, 1/0 ou x",
        ),
    ]


@pytest.mark.parametrize(
    ("values", "column", "reason"),
    [
        ({"odd": "2|18"}, "odd", "valeur « 18 » hors des bornes permises (de 1 à 17)"),
        ({"odd": "0|18"}, "odd", "valeurs « 0 », « 18 » hors des bornes permises (de 1 à 17)"),
        ({"budget": "-5"}, "budget", "valeur « -5 » hors des bornes permises (au moins 0 €)"),
    ],
)
def test_out_of_range_alliance_values(tmp_path, values, column, reason):
    reject = only_reject(load_alliances(tmp_path, alliance(**values)))
    assert (reject.line, reject.column, reject.value, reject.reason) == (
        2,
        column,
        values[column],
        reason,
    )


def test_out_of_range_follow_up_values(tmp_path):
    write(tmp_path, "mesures.csv", MESURES_TEXT)
    suivi = f"{SUIVI_HEADER}\nM01;2021-06-30;en_cours;120;;;\nM01;2018-12-31;en_cours;10;;;\n"
    write(tmp_path, "mesures_suivi.csv", suivi)
    result = load(tmp_path)
    assert [(r.line, r.column, r.value, r.reason) for r in result.rejects] == [
        (2, "avancement", "120", "valeur « 120 » hors des bornes permises (de 0 à 100 %)"),
        (
            3,
            "date_point",
            "2018-12-31",
            "valeur « 2018-12-31 » hors des bornes permises (du 01/01/2019 au "
                f"31/12/{date_window()[1].year})",
        ),
    ]


def test_closed_list_and_required_values(tmp_path):
    result = load_alliances(
        tmp_path,
        alliance(statut="en pause"),
        alliance(id="AL-2", types_partenaires="association|mairie|collectivite"),
        alliance(id="AL-3", intitule="  ", forme=""),
    )
    assert [(r.line, r.column, r.value, r.reason) for r in result.rejects] == [
        (
            2,
            "statut",
            "en pause",
            "valeur non permise « en pause » ; "
            "valeurs permises : en_preparation, active, suspendue, terminee",
        ),
        (
            3,
            "types_partenaires",
            "association|mairie|collectivite",
            "valeur non permise « mairie » ; "
            "valeurs permises : collectivite, association, entreprise, academique, citoyens",
        ),
        (4, "intitule", None, "valeur obligatoire manquante"),
        (4, "forme", None, "valeur obligatoire manquante"),
    ]
    assert result.file_counts[0].rejected == 3  # a row with two problems counts once


# --------------------------------------------------------------------------- rules


def test_rules_spanning_columns(tmp_path):
    result = load_alliances(
        tmp_path,
        alliance(types_partenaires="association|Association"),
        alliance(id="AL-2", epci="200066637"),
        alliance(id="AL-3", communes=""),
        alliance(id="AL-4", date_fin="2019-08-31"),
        alliance(id="AL-5", statut="terminee"),
        alliance(id="AL-6", date_debut="mauvaise", date_fin="2019-08-31"),
    )
    assert [(r.line, r.column, r.reason) for r in result.rejects] == [
        (
            2,
            "types_partenaires",
            "une alliance réunit au moins deux types de partenaires différents",
        ),
        (
            3,
            "communes, epci",
            "renseigner soit les communes, soit l'EPCI (l'un des deux, pas les deux)",
        ),
        (
            4,
            "communes, epci",
            "renseigner soit les communes, soit l'EPCI (l'un des deux, pas les deux)",
        ),
        (5, "date_fin", "la date de fin précède la date de début"),
        (6, "date_fin", "une alliance terminée doit avoir une date de fin"),
        # the bad start date is the only reason: the date rule is not judged on it
        (
            7,
            "date_debut",
            "date invalide « mauvaise » : attendu JJ/MM/AAAA ou AAAA-MM-JJ (ex. 30/06/2021)",
        ),
    ]
    assert result.rejects[1].value == "12145|12208 | 200066637"
    assert result.rejects[2].value is None


def test_indicator_bounds_and_labels_per_key(tmp_path):
    write(
        tmp_path,
        "indicateurs.csv",
        "commune;indicateur;annee;valeur;demo\n"
        "12208;taux_pauvrete;2021;14,2;\n"
        "12208;Taux de chômage des 15-64 ans;2021;105;\n"
        "12208;evolution_population;2021;-3,5;\n",
    )
    write(
        tmp_path,
        "mesures.csv",
        MESURES_TEXT + "M04;Mesurer;C2;Mobiliser autrement;L5;Évaluation;false\n",
    )
    result = load(tmp_path)
    # files come in the order of the spec (mesures before indicateurs)
    assert [(r.file, r.line, r.column, r.reason) for r in result.rejects] == [
        (
            "mesures.csv",
            5,
            "chantier_libelle",
            "libellé de chantier différent de celui déjà lu pour ce chantier "
            "(ligne 4 : « Mobiliser »)",
        ),
        (
            "indicateurs.csv",
            3,
            "valeur",
            "valeur hors des bornes de l'indicateur (taux_chomage : de 0 à 100 %)",
        ),
    ]
    assert result.tables["indicateurs"]["valeur"].tolist() == [14.2, -3.5]


# --------------------------------------------------------------------------- files


def test_follow_up_without_referential_stops(tmp_path):
    write(tmp_path, "mesures_suivi.csv", f"{SUIVI_HEADER}\nM01;2021-06-30;en_cours;40;;;\n")
    with pytest.raises(DomainFileError) as info:
        load_domain_dir(tmp_path, REFS)
    message = str(info.value)
    assert message.startswith("fichier mesures_suivi.csv : il faut aussi le fichier « mesures »")
    assert "mesures.csv, mesures.xlsx ou mesures.parquet" in message


def test_two_files_for_one_entity_stop(tmp_path):
    write(tmp_path, "alliances.csv", alliances_text(alliance()))
    write(tmp_path, "Alliances.parquet", "pas un parquet")
    with pytest.raises(
        DomainFileError,
        match=r"^fichiers Alliances\.parquet et alliances\.csv : plusieurs fichiers",
    ):
        load_domain_dir(tmp_path, REFS)


def test_every_unusable_file_is_reported_at_once(tmp_path):
    write(tmp_path, "alliances.csv", "")
    write(tmp_path, "crte.csv", "id;nom\nC-1;Contrat\n")
    with pytest.raises(DomainFileError) as info:
        load_domain_dir(tmp_path, REFS)
    assert info.value.files == ("alliances.csv", "crte.csv")
    message = str(info.value)
    assert message.startswith("2 problèmes rendent des fichiers de données inutilisables :")
    assert (
        "- fichier crte.csv : colonnes obligatoires « statut », « perimetre_epci » absentes"
        in message
    )


def test_unknown_files_are_ignored_with_a_warning(tmp_path):
    write(tmp_path, "alliances.csv", alliances_text(alliance()))
    write(tmp_path, "notes.txt", "à lire")
    write(tmp_path, "crte.xls", "ancien format")
    (tmp_path / "archives").mkdir()
    result = load(tmp_path)
    assert result.warnings == [
        "fichier crte.xls ignoré : format « .xls » non pris en charge ; "
        "formats acceptés : .csv, .xlsx, .parquet",
        "fichier notes.txt ignoré : ne correspond à aucun fichier attendu (alliances, crte, "
        "experimentations, catalyseurs, mesures, mesures_suivi, mesures_indicateurs, indicateurs)",
    ]
    assert result.sources == {"alliances": tmp_path / "alliances.csv"}


def test_missing_directory(tmp_path):
    with pytest.raises(DomainFileError, match="dossier de données introuvable"):
        load_domain_dir(tmp_path / "absent", REFS)


@pytest.mark.parametrize("name", ["alliances.xlsx", "alliances.parquet"])
def test_damaged_binary_files_stop(tmp_path, name):
    write(tmp_path, name, "ceci n'est pas un fichier binaire")
    with pytest.raises(DomainFileError) as info:
        load_domain_dir(tmp_path, REFS)
    kind = "classeur XLSX illisible" if name.endswith("xlsx") else "fichier Parquet illisible"
    assert str(info.value).startswith(f"fichier {name} : {kind}")


# --------------------------------------------------------------------------- other formats

_VARIANT_LINES = (
    alliance(),
    alliance(id="AL-2", date_debut="15/03/2022", communes="1001|14047", budget="12 500,50"),
    alliance(id="AL-2", intitule="doublon"),
    alliance(id="AL-4", odd="18"),
)


def _variant_rows() -> list[list[str]]:
    return [line.split(";") for line in _VARIANT_LINES]


def _comparable(result: DomainLoad, file: str) -> tuple:
    rejects = [Reject(file, r.line, r.column, r.value, r.reason) for r in result.rejects]
    mappings = [
        CodeMapping(file, m.line, m.column, m.ancien_code, m.code_actuel) for m in result.mappings
    ]
    return result.tables["alliances"], rejects, mappings, [c.read for c in result.file_counts]


def test_xlsx_loads_like_the_csv(tmp_path):
    (tmp_path / "csv").mkdir()
    write(tmp_path / "csv", "alliances.csv", alliances_text(*_VARIANT_LINES))
    expected = load(tmp_path / "csv")

    workbook = openpyxl.Workbook()
    notes = workbook.active
    notes.title = "Notes"
    notes.append(["Feuille de notes, non lue"])
    sheet = workbook.create_sheet("Alliances")
    sheet.append(ALLIANCES_HEADER.split(";"))
    for row in _variant_rows():
        cells: list[object] = list(row)
        cells[2] = date.fromisoformat(row[2]) if "-" in row[2] else row[2]  # a true date cell
        cells[10] = float(row[10]) if row[10].isdigit() else row[10]  # a number cell
        cells[11] = False
        sheet.append(cells)
    (tmp_path / "xlsx").mkdir()
    workbook.save(tmp_path / "xlsx" / "alliances.xlsx")
    result = load(tmp_path / "xlsx")

    table, rejects, mappings, reads = _comparable(result, "alliances.csv")
    pd.testing.assert_frame_equal(table, expected.tables["alliances"])
    assert (rejects, mappings, reads) == _comparable(expected, "alliances.csv")[1:]
    assert result.file_counts[0].file == "alliances.xlsx"
    assert result.rejects[0].file == "alliances.xlsx"


def test_xlsx_first_sheet_rows_and_numeric_codes(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Feuil1"
    sheet.append(
        ["id", "nom", "type_structure", "commune", "territoire_departements", "annee_adhesion"]
    )
    sheet.append(["CAT-1", "Pôle", "association", 1001, 1, 2016.0])
    sheet.append([])
    sheet.append(["CAT-2", "Pôle", "association", 1004, "2a", "deux mille"])
    workbook.create_sheet("Autre")
    workbook.save(tmp_path / "catalyseurs.xlsx")
    result = load(tmp_path)
    row = result.tables["catalyseurs"].iloc[0]
    assert (row["commune"], row["territoire_departements"], row["annee_adhesion"]) == (
        "01001",
        ["01"],
        2016,
    )
    reject = only_reject(result)
    assert (reject.file, reject.line, reject.column, reject.value) == (
        "catalyseurs.xlsx",
        4,
        "annee_adhesion",
        "deux mille",
    )
    assert "lecture de la première feuille « Feuil1 »" in result.warnings[0]


def test_parquet_loads_like_the_csv_with_index_plus_two_lines(tmp_path):
    (tmp_path / "csv").mkdir()
    write(tmp_path / "csv", "alliances.csv", alliances_text(*_VARIANT_LINES))
    expected = load(tmp_path / "csv")

    columns = ALLIANCES_HEADER.split(";")
    frame = pd.DataFrame(_variant_rows(), columns=columns, dtype=object)
    frame["demo"] = [False] * len(frame)
    frame["date_debut"] = [date(2019, 9, 1), date(2022, 3, 15), date(2019, 9, 1), date(2019, 9, 1)]
    frame["odd"] = [[2, 17], [2, 17], [2, 17], [18]]
    (tmp_path / "parquet").mkdir()
    pq.write_table(
        pa.Table.from_pandas(frame, preserve_index=False),
        tmp_path / "parquet" / "alliances.parquet",
    )
    result = load(tmp_path / "parquet")

    table, rejects, mappings, reads = _comparable(result, "alliances.csv")
    pd.testing.assert_frame_equal(table, expected.tables["alliances"])
    assert (rejects, mappings, reads) == _comparable(expected, "alliances.csv")[1:]
    assert table[LINE_COLUMN].tolist() == [2, 3]


# --------------------------------------------------------------------------- robustness


_ODD_CELLS = (
    "",
    "x",
    "1e999",
    "-",
    "||",
    "31/02/2021",
    "nan",
    "inf",
    "  ;  ",
    '"',
    "2A",
    "0",
    "é" * 300,
)


@pytest.mark.parametrize("name", list(ENTITIES))
def test_garbage_never_raises_and_is_accounted(tmp_path, name):
    spec = ENTITIES[name]
    if spec.depends_on:
        write(tmp_path, "mesures.csv", MESURES_TEXT)
    lines = [";".join(spec.column_names)]
    for k in range(len(_ODD_CELLS)):
        cells = [
            _ODD_CELLS[(k + j) % len(_ODD_CELLS)].replace(";", " ")
            for j in range(len(spec.columns))
        ]
        lines.append(";".join(cells))
    write(tmp_path, f"{spec.file_stem}.csv", "\n".join(lines) + "\n")
    result = load(tmp_path)
    count = next(c for c in result.file_counts if c.entity == name)
    # an opening quote swallows the following lines into one cell, as in a spreadsheet
    assert count.read >= 1 and count.loaded == 0
    assert all(r.reason and r.line for r in result.rejects)


# --------------------------------------------------------------------------- demo


def test_demo_output_loads_without_rejects(tmp_path):
    communes, epci = demo_geography()
    paths = generate_demo(communes, epci, tmp_path, seed=7, today=date(2026, 11, 1))
    result = load_domain_dir(tmp_path, references_of(communes, epci))
    assert_accounting(result)
    assert result.rejects == [] and result.warnings == [] and result.mappings == []
    assert [c.entity for c in result.file_counts] == list(ENTITIES)
    for count in result.file_counts:
        lines = paths[count.entity].read_text(encoding="utf-8").count("\n") - 1
        assert count.read == count.loaded == lines > 0, count
    for name, table in result.tables.items():
        assert table["demo"].all(), name
    crte = result.tables["crte"]
    covered = [siren for perimeter in crte["perimetre_epci"] for siren in perimeter]
    assert sorted(covered) == sorted(epci["code"])


def test_population_of_former_communes_adds_up_other_indicators_collide(tmp_path):
    # 14047 and 14472 are former communes of 14581 (fixture history)
    write(
        tmp_path,
        "indicateurs.csv",
        "commune;indicateur;annee;valeur\n"
        "14047;population_municipale;2011;320\n"
        "14472;population_municipale;2011;510\n"
        "14472;population_municipale;2011;515\n"  # the same former commune again
        "14047;taux_pauvrete;2011;12\n"
        "14472;taux_pauvrete;2011;14\n",  # a rate cannot be added: duplicate key
    )
    result = load(tmp_path)
    assert [(r.line, r.reason) for r in result.rejects] == [
        (4, "clé déjà présente ligne 2 : commune « 14472 », indicateur « population_municipale », annee « 2011 »"),
        (6, "clé déjà présente ligne 5 : commune « 14472 », indicateur « taux_pauvrete », annee « 2011 »"),
    ]
    table = result.tables["indicateurs"]
    assert table[["commune", "indicateur", "valeur"]].values.tolist() == [
        ["14581", "population_municipale", 320.0],
        ["14581", "population_municipale", 510.0],
        ["14581", "taux_pauvrete", 12.0],
    ]
    assert [(m.line, m.ancien_code) for m in result.mappings] == [(2, "14047"), (3, "14472"), (5, "14047")]
