"""Loading the optional mesures_indicateurs file: every row loaded or rejected with its reason."""

from __future__ import annotations

from tests.fixtures_domain import MESURES_TEXT, REFS, assert_accounting, write

from etl.domain.loader import FileCount, load_domain_dir

HEADER = "mesure;indicateur;libelle;unite;region;date_valeur;valeur_initiale;valeur_actuelle;cible;demo"


def test_indicator_rows_are_loaded_or_rejected_with_their_reason(tmp_path):
    write(tmp_path, "mesures.csv", MESURES_TEXT)
    write(tmp_path, "mesures_indicateurs.csv", (
        f"{HEADER}\n"
        "M01;IND-1;Guichets ouverts;nombre;;2023-10-31;12;57,5;101;\n"
        "M01;IND-1;Guichets ouverts;nombre;76;31/10/2023;0;3;4;\n"
        "M02;IND-2;Délai de réponse;jours;;2023-10-31;45;30;15;false\n"
        "M02;IND-3;Alliances accompagnées;alliances;;2023-10-31;150;160;150;\n"
        "M01;IND-4;Sans valeur;nombre;;2023-10-31;;;;\n"
        "M09;IND-5;Mesure inconnue;nombre;;2023-10-31;1;2;3;\n"
        "M01;IND-1;Autre libellé;nombre;;2024-04-30;12;60;101;\n"
        "M02;IND-1;Guichets ouverts;nombre;;2024-10-31;12;60;101;\n"
    ))
    result = load_domain_dir(tmp_path, REFS)
    assert_accounting(result)
    reasons = [(r.line, r.column, r.reason.split(" (")[0]) for r in result.rejects if r.file == "mesures_indicateurs.csv"]
    assert reasons == [
        (6, "valeur_initiale, valeur_actuelle, cible", "aucune des valeurs initiale, actuelle ou cible n'est renseignée"),
        (7, "mesure", "mesure « M09 » introuvable dans le fichier mesures"),
        (8, "libelle", "libellé d'indicateur différent de celui déjà lu pour cet indicateur"),
        (9, "mesure", "indicateur déjà rattaché à une autre mesure"),
    ]
    table = result.tables["mesures_indicateurs"]
    assert table["indicateur"].tolist() == ["IND-1", "IND-1", "IND-2", "IND-3"]
    assert table["region"].tolist()[:2] == [None, "76"]
    assert table["valeur_actuelle"].tolist() == [57.5, 3.0, 30.0, 160.0]
    assert result.file_counts[-1] == FileCount("mesures_indicateurs.csv", "mesures_indicateurs", 8, 4, 4)
