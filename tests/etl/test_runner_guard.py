"""The publication guard end to end: refused runs exit non-zero and leave the warehouse as it was."""

from __future__ import annotations

import hashlib

import pytest

from atlas.entities import ENTITIES
from atlas.warehouse import connect
from tests.support.cli import handled, run_cli
from tests.support.small_warehouse import COMMUNES
from etl.runner import PublicationRefused, RunOptions, run_etl

#: A commune of the small warehouse.
COMMUNE = COMMUNES[0].code
HEADER = ";".join(c.name for c in ENTITIES["alliances"].columns if c.name != "demo")
CRTE_HEADER = ";".join(c.name for c in ENTITIES["crte"].columns)


def _alliance(n: int, commune: str = COMMUNE) -> str:
    return f"A{n};Alliance {n};2021-03-15;;active;{commune};;association|entreprise;mecenat;17;"


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _etl(db, data, *options):
    result = run_cli("etl", "--db", str(db), "--data", str(data), *options)
    assert handled(result), result.exception
    return result.exit_code, " ".join(result.stderr.split())  # the console wraps long lines


def _folder(path, alliances: list[str], crte: str | None = None):
    path.mkdir()
    (path / "alliances.csv").write_text("\n".join([HEADER, *alliances]) + "\n", encoding="utf-8")
    if crte is not None:
        (path / "crte.csv").write_text(crte, encoding="utf-8")
    return path


def test_all_rejected_and_header_only_files_do_not_publish(tmp_path, published):
    data = _folder(tmp_path / "donnees", [_alliance(1, "99999"), _alliance(2, "99998")], crte=CRTE_HEADER + "\n")
    (data / "alliance.csv").write_text("mal nommé", encoding="utf-8")
    before = _sha(published)
    code, message = _etl(published, data)
    assert code != 0
    assert "publication refusée ; l'entrepôt publié n'a pas été modifié" in message
    assert ("fichier alliances.csv : aucune ligne chargée, les 2 lignes lues sont toutes rejetées ; premiers "
            "rejets : ligne 2, colonne communes : code commune inconnu « 99999 »") in message
    assert "fichier crte.csv : aucune ligne de données (en-tête seul)" in message
    assert "Avertissements du chargement : ! fichier alliance.csv ignoré : ne correspond à aucun fichier" in message
    assert "Traceback" not in message
    assert _sha(published) == before
    # accepting losses does not make an unusable file publishable
    code, _ = _etl(published, data, "--accepter-pertes")
    assert code != 0 and _sha(published) == before


def test_losing_more_than_half_of_an_entity_is_refused_unless_accepted(tmp_path, published):
    run_etl(RunOptions(db_path=published, data_dir=_folder(tmp_path / "v1", [_alliance(n) for n in range(1, 5)])))
    before = _sha(published)
    smaller = _folder(tmp_path / "v2", [_alliance(1)])
    code, message = _etl(published, smaller)
    assert code != 0
    assert ("« Alliances d'intérêt général » (table alliance) passerait de 4 à 1 lignes, soit 75,0 % de perte "
            "(au-delà de 50 %)") in message
    assert "relancer avec l'option --accepter-pertes" in message
    assert _sha(published) == before
    # a lower share refuses a smaller loss (4 to 2 rows)
    with pytest.raises(PublicationRefused):
        run_etl(RunOptions(db_path=published, data_dir=_folder(tmp_path / "v3", [_alliance(1), _alliance(2)]),
                           max_loss=0.25))
    assert _sha(published) == before
    code, message = _etl(published, smaller, "--accepter-pertes")
    assert code == 0, message
    con = connect(published, read_only=True)
    assert con.execute("SELECT count(*) FROM alliance").fetchone()[0] == 1
    con.close()
