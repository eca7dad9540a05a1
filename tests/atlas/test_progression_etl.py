"""« Ce qui ferait progresser » checked against the ETL: the suggested actions, written as input
rows in the documented layouts and run through the real ETL, move the commune up a class.

For a deterministic sample of communes of each class below « pionnier » (the first two by code of
each class the small demonstration warehouse has; « données insuffisantes » from the warehouse of
the boundaries alone), every suggested action becomes rows of the input files (an alliance in
the commune alone, a catalyseur at the distance asked, a CRTE signed at the reference date, an
experiment in the commune); the ETL then builds a new warehouse, where the commune's class must
be the one aimed at or higher, with the score the Python model predicted.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from pyproj import Transformer

from atlas.entities import ALLIANCES, CATALYSEURS, EXPERIMENTATIONS
from atlas.progression import Progression, for_commune
from atlas.vocabulary import INSUFFICIENT, MATURITY_CLASSES
from atlas.warehouse import connect
from geodata.crs import WGS84, ZONE_CRS
from etl.runner import RunOptions, run_etl
from etl.scores.config import DEFAULT_PATH
from tests.support.small_warehouse import COMMUNES, _demo_files

#: Classes from the highest to the lowest, « données insuffisantes » last.
RANK = [c.code for c in MATURITY_CLASSES]
SAMPLE_PER_CLASS = 2
#: The ANCT groupements table of the CRTE: the domain file's CRTE cover EPCI only, and a
#: commune in no EPCI signs its CRTE alone (``nature_juridique`` COM) as the ANCT publishes it.
CRTE_FILE = "liste-crte-grpt2024-20250717.csv"
CRTE_COLUMNS = ("id_crte", "lib_crte", "siren_groupement", "nature_juridique", "siren_epci", "date_signature")


def _read(path: Path) -> tuple[list[str], list[dict]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter=";")
        return list(reader.fieldnames or []), list(reader)


def _append(path: Path, columns: tuple[str, ...], rows: list[dict]) -> None:
    """Add ``rows`` to the input file ``path`` (written with the entity's header if absent)."""
    header, existing = _read(path) if path.exists() else (list(columns), [])
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, delimiter=";")
        writer.writeheader()
        writer.writerows(existing + [{k: v for k, v in row.items() if k in header} for row in rows])


def _crte_as_anct(data: Path, extra: list[dict]) -> None:
    """Replace ``crte.csv`` by the ANCT groupements table (the same CRTE: one row per EPCI, dated
    when signed or being renewed, the two statuses the maturity counts) plus ``extra``."""
    rows = []
    source = data / "crte.csv"
    if source.exists():
        for row in _read(source)[1]:
            signed = row["date_signature"] if row["statut"] in ("signe", "en_renouvellement") else ""
            for epci in row["perimetre_epci"].split("|"):
                rows.append({"id_crte": row["id"], "lib_crte": row["nom"], "siren_groupement": epci,
                             "nature_juridique": "CC", "siren_epci": epci, "date_signature": signed})
        source.unlink()
    with (data / CRTE_FILE).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=CRTE_COLUMNS, delimiter=",")
        writer.writeheader()
        writer.writerows(rows + extra)


def _near(con, code: str, km: float) -> tuple[str, float, float]:
    """A commune other than ``code`` with a point in its zone, and WGS84 coordinates ``km`` east
    of ``code``'s point (in the zone's projected CRS)."""
    zone, x, y = con.execute("SELECT zone, x, y FROM commune_point WHERE code = ?", [code]).fetchone()
    other = con.execute("SELECT min(code) FROM commune_point WHERE zone = ? AND code <> ?", [zone, code]).fetchone()[0]
    lon, lat = Transformer.from_crs(ZONE_CRS[zone], WGS84, always_xy=True).transform(x + km * 1000, y)
    return other, lat, lon


def apply_actions(con, data: Path, code: str, progression: Progression, day: date) -> None:
    """Write the actions of ``progression`` for commune ``code`` into the input files of ``data``."""
    epci = con.execute("SELECT epci FROM commune WHERE code = ?", [code]).fetchone()[0]
    for n, action in enumerate(progression.actions):
        ident = f"PROGRES-{code}-{n}"
        if action.code in ("alliance", "alliance_diversite"):
            assert len(action.partenaires) >= 2 and action.forme, action
            _append(data / "alliances.csv", ALLIANCES.column_names, [{
                "id": ident, "intitule": f"Alliance suggérée {n}", "date_debut": day.isoformat(), "statut": "active",
                "communes": code, "types_partenaires": "|".join(action.partenaires), "forme": action.forme,
                "demo": "false"}])
        elif action.code == "experimentation":
            _append(data / "experimentations.csv", EXPERIMENTATIONS.column_names, [{
                "id": ident, "intitule": "Expérimentation suggérée", "porteur": "Porteur", "echelle": "territoriale",
                "commune": code, "montant": "10000", "annee": str(day.year), "statut": "en_cours",
                "evaluation": "a_venir", "demo": "false"}])
        elif action.code == "catalyseur":
            row = {"id": ident, "nom": "Catalyseur suggéré", "type_structure": "association", "commune": code,
                   "territoire_communes": code, "annee_adhesion": str(day.year), "demo": "false"}
            if action.distance_km:
                # a little closer than the distance asked: the distance is measured between points
                other, lat, lon = _near(con, code, action.distance_km - 0.25)
                row.update(commune=other, territoire_communes=other, latitude=f"{lat:.7f}", longitude=f"{lon:.7f}")
            _append(data / "catalyseurs.csv", CATALYSEURS.column_names, [row])
        elif action.code == "crte":
            siren, nature = (epci, "CC") if epci else (code, "COM")
            _crte_as_anct(data, [{"id_crte": ident, "lib_crte": "CRTE suggéré", "siren_groupement": siren,
                                  "nature_juridique": nature, "siren_epci": epci or "",
                                  "date_signature": day.isoformat()}])
        else:  # pragma: no cover - the closed list has no other action
            raise AssertionError(action)


def _run(bare: Path, folder: Path, data: Path, parameters: Path | None = None):
    """The ETL over a copy of the warehouse ``bare`` with the input files of ``data``."""
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "warehouse.duckdb"
    db.write_bytes(bare.read_bytes())
    outlined = sum(c.cell is not None for c in COMMUNES)
    return run_etl(RunOptions(db_path=db, data_dir=data, min_communes=outlined, parameters_path=parameters))


def _state(db: Path, code: str) -> tuple[str, float | None]:
    con = connect(db, read_only=True)
    try:
        return con.execute("SELECT maturite_classe, maturite_score FROM indicateur_territoire "
                           "WHERE niveau = 'commune' AND code = ?", [code]).fetchone()
    finally:
        con.close()


def _sample(con) -> list[str]:
    rows = con.execute("SELECT code, maturite_classe FROM indicateur_territoire WHERE niveau = 'commune' "
                       "ORDER BY code").fetchall()
    chosen = []
    for cls in RANK[1:]:
        chosen += [code for code, c in rows if c == cls][:SAMPLE_PER_CLASS]
    return chosen


@pytest.fixture(scope="module")
def baseline(small_bare_run, tmp_path_factory):
    """The demonstration files of the small warehouse run through the ETL from its boundaries."""
    folder = tmp_path_factory.mktemp("progression-base")
    data = folder / "donnees"
    _demo_files(small_bare_run.db_path, data)
    return data, _run(small_bare_run.db_path, folder / "entrepot", data)


def _check(source_db: Path, source_data: Path | None, code: str, bare: Path, folder: Path,
           parameters: Path | None = None) -> Progression:
    con = connect(source_db, read_only=True)
    try:
        before = for_commune(con, code)
        day = con.execute("SELECT max(date_debut) FROM alliance").fetchone()[0] or date.today()
        data = folder / "donnees"
        data.mkdir(parents=True)
        if source_data is not None:
            for path in source_data.iterdir():
                (data / path.name).write_bytes(path.read_bytes())
        assert before.actions and before.classe_visee, (code, before)
        apply_actions(con, data, code, before, day)
    finally:
        con.close()
    report = _run(bare, folder / "entrepot", data, parameters)
    classe, score = _state(report.db_path, code)
    assert RANK.index(classe) <= RANK.index(before.classe_visee) < RANK.index(before.classe), (code, before, classe)
    if any(a.code == "catalyseur" and a.distance_km for a in before.actions):
        assert score >= before.score_vise - 1e-9, (code, before)
    else:
        assert score == pytest.approx(before.score_vise, abs=1e-9), (code, before)
    return before


def test_the_sample_covers_every_class_below_pionnier(baseline, small_bare_run):
    _, report = baseline
    con = connect(report.db_path, read_only=True)
    try:
        classes = {c for _, c in con.execute(
            "SELECT code, maturite_classe FROM indicateur_territoire WHERE niveau = 'commune'").fetchall()}
    finally:
        con.close()
    # the demonstration data give every class but « données insuffisantes », which the
    # boundaries alone give to every commune
    assert set(RANK[1:-1]) <= classes
    assert INSUFFICIENT not in classes


def test_suggested_actions_move_demo_communes_up(baseline, small_bare_run, tmp_path):
    data, report = baseline
    con = connect(report.db_path, read_only=True)
    try:
        sample = _sample(con)
    finally:
        con.close()
    assert len(sample) >= len(RANK) - 2
    for code in sample:
        _check(report.db_path, data, code, small_bare_run.db_path, tmp_path / code)


def test_suggested_action_makes_the_data_sufficient(small_bare_run, tmp_path):
    con = connect(small_bare_run.db_path, read_only=True)
    try:
        sample = [code for code, in con.execute("SELECT code FROM commune ORDER BY code").fetchall()]
    finally:
        con.close()
    for code in sample[:SAMPLE_PER_CLASS]:
        _check(small_bare_run.db_path, None, code, small_bare_run.db_path, tmp_path / code)


def test_a_catalyseur_at_the_distance_asked(baseline, small_bare_run, tmp_path):
    """Parameters where only the catalyseurs count, and high thresholds: a commune without a
    catalyseur of its own is asked for one within a few km."""
    data, _ = baseline
    parameters = tmp_path / "parametres.toml"
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    for key, value in (("alliances", "0.0"), ("diversite", "0.0"), ("recence", "0.0"), ("crte", "0.0"),
                       ("experimentations", "0.0"), ("catalyseurs", "1.0")):
        text = _set(text, "[maturite.poids]", key, value)
    for key, value in (("pionnier", "95.0"), ("actif", "90.0"), ("premiers_pas", "50.0")):
        text = _set(text, "[maturite.seuils]", key, value)
    parameters.write_text(text, encoding="utf-8")
    report = _run(small_bare_run.db_path, tmp_path / "base", data, parameters)
    con = connect(report.db_path, read_only=True)
    try:
        plans = {code: for_commune(con, code) for code, in con.execute("SELECT code FROM commune ORDER BY code").fetchall()}
    finally:
        con.close()
    far = [code for code, plan in plans.items() if any(a.code == "catalyseur" and a.distance_km for a in plan.actions)]
    assert far
    for code in far:
        checked = _check(report.db_path, data, code, small_bare_run.db_path, tmp_path / code, parameters)
        assert [a.code for a in checked.actions] == ["catalyseur"]


def _set(text: str, section: str, key: str, value: str) -> str:
    """``text`` (a parameters file) with ``key`` of ``section`` set to ``value``."""
    head, rest = text.split(section, 1)
    lines = rest.split("\n")
    for i, line in enumerate(lines):
        if line.split("=")[0].strip() == key:
            lines[i] = f"{key} = {value}"
            break
    else:
        raise AssertionError((section, key))
    return head + section + "\n".join(lines)
