"""The « Importer » pages over a copy of the small demo warehouse: access, CSRF, lockout,
upload and report, rejects workbook, background publication followed by the dashboard."""

from __future__ import annotations

import datetime as dt
import io
import re
import time

import openpyxl
import pytest

from atlas.entities import ENTITIES
from atlas.warehouse import connect
from exports.templates import render_template, warehouse_rows
from importer.accounts import Accounts
from importer.jobs import FILES, PublicationBusy, publication_state, start_publication

PASSWORD = "un-mot-de-passe-solide"


@pytest.fixture()
def site(copy_of, small_run, tmp_path, monkeypatch):
    """The app over a copy of the small warehouse with the import pages; accounts alice
    (admin) and bob (editeur)."""
    from dashboard.app import create_app

    db = copy_of(small_run)
    folder = tmp_path / "import"
    monkeypatch.setenv("TERRITOIRES_EXTENSIONS", "importer.web")
    monkeypatch.setenv("TERRITOIRES_IMPORT", str(folder))
    Accounts(folder).add("alice", PASSWORD, "admin")
    Accounts(folder).add("bob", PASSWORD, "editeur")
    app = create_app(db)
    return app.server, db, folder


def _token(client, path="/connexion") -> str:
    page = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def _login(client, name="alice", password=PASSWORD):
    return client.post("/connexion", data={"nom": name, "mot_de_passe": password, "csrf_token": _token(client)})


def _alliances(db, extra_rows, keep_published=True) -> bytes:
    """An alliances workbook as a user fills it: the published rows (filled template) and ``extra_rows``."""
    spec = ENTITIES["alliances"]
    con = connect(db, read_only=True)
    try:
        rows = warehouse_rows(con, spec) if keep_published else None
        codes = [r[0] for r in con.execute("SELECT code FROM commune ORDER BY code").fetchall()]
    finally:
        con.close()
    wb = openpyxl.load_workbook(io.BytesIO(render_template(spec, rows)))
    ws = wb["alliances"]
    start = 2 + (len(rows) if rows is not None else 3)
    for offset, values in enumerate(extra_rows(codes)):
        for index, name in enumerate(spec.column_names, start=2):
            if name in values:
                ws.cell(start + offset, index).value = values[name]
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _new_and_bad(codes):
    good = {"intitule": "Jardin partagé des Tilleuls (dépôt web)", "statut": "Active", "types_partenaires": "Association|Entreprise",
            "forme": "Mécénat"}
    return [
        {**good, "id": "AL-WEB-1", "date_debut": "15/03/2024", "communes": codes[0]},  # a date typed as text
        {**good, "id": "AL-WEB-2", "date_debut": dt.datetime(2022, 1, 1), "communes": f"{codes[1]}|{codes[2]}"},
        {**good, "id": "AL-BAD-1", "date_debut": "32/13/2024", "communes": codes[0]},
        {**good, "id": "AL-BAD-2", "date_debut": "2024-01-01", "statut": "Inconnu", "communes": codes[0]},
        {**good, "id": "AL-BAD-3", "date_debut": "2024-01-01", "communes": "99999"},
    ]


def _upload(client, content: bytes, name="mes alliances.xlsx"):
    return client.post("/importer", data={"csrf_token": _token(client, "/importer"),
                                          "fichiers": (io.BytesIO(content), name)},
                       content_type="multipart/form-data")


def _stored_files(folder):
    return [p for p in (folder / "depots").rglob("*") if p.is_file()] if (folder / "depots").exists() else []


def test_anonymous_access_is_401_and_writes_nothing(site):
    server, db, folder = site
    client = server.test_client()
    assert client.get("/importer").status_code == 401
    response = client.post("/importer", data={"fichiers": (io.BytesIO(b"id;intitule\n1;x\n"), "alliances.csv")},
                           content_type="multipart/form-data")
    assert response.status_code == 401
    assert client.post(f"/importer/{'0' * 32}/publier").status_code == 401
    assert client.get("/importer/historique").status_code == 401
    assert _stored_files(folder) == [] and publication_state(folder) is None


def test_a_form_without_its_csrf_token_is_refused(site):
    server, _, folder = site
    client = server.test_client()
    response = client.post("/connexion", data={"nom": "alice", "mot_de_passe": PASSWORD})
    assert response.status_code == 400 and "expiré" in response.get_data(as_text=True)
    assert _login(client).status_code == 302
    response = client.post("/importer", data={"fichiers": (io.BytesIO(b"x"), "a.csv")},
                           content_type="multipart/form-data")
    assert response.status_code == 400 and _stored_files(folder) == []


def test_five_failures_lock_the_account(site):
    server, _, _ = site
    client = server.test_client()
    for _ in range(5):
        assert _login(client, password="mauvais").status_code == 401
    response = _login(client)  # the right password, too late
    assert response.status_code == 429 and "bloquée 15 minutes" in response.get_data(as_text=True)


def test_session_cookie_flags(site):
    server, _, _ = site
    client = server.test_client()
    cookie = _login(client).headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie


def test_upload_reports_the_rejects_and_the_changes(site):
    server, db, folder = site
    client = server.test_client()
    _login(client, "bob")
    response = _upload(client, _alliances(db, _new_and_bad))
    assert response.status_code == 302
    depot = response.headers["Location"].rsplit("/", 1)[1]
    page = client.get(f"/importer/{depot}").get_data(as_text=True)
    assert "mes alliances.xlsx" in page and "alliances.xlsx" in page
    published = len(warehouse_rows(connect(db, read_only=True), ENTITIES["alliances"]))
    assert re.search(rf"<td>{published + 5}</td>\s*<td>{published + 2}</td>\s*<td>3</td>", page)
    for line, reason in ((published + 4, "date invalide"), (published + 5, "valeur non permise « Inconnu »"),
                         (published + 6, "code commune inconnu « 99999 »")):
        assert re.search(rf"<td>{line}</td>.*?{re.escape(reason)}", page, re.S), reason
    assert "Publier" not in page  # bob is an editeur
    changes = page[page.index('id="changements"'):]
    assert f"<td>{published}</td><td>{published + 2}</td>\n<td>2</td><td>0</td><td>0</td>" in changes, changes[:900]
    rejects = openpyxl.load_workbook(io.BytesIO(client.get(f"/importer/{depot}/rejets.xlsx").data))
    assert [r[1] for r in rejects["alliances"].iter_rows(min_row=2, values_only=True)] == ["AL-BAD-1", "AL-BAD-2", "AL-BAD-3"]
    assert client.post(f"/importer/{depot}/publier", data={"csrf_token": _token(client, "/importer")}).status_code == 403
    assert publication_state(folder) is None


def test_a_file_that_is_not_a_table_is_refused_by_its_content(site):
    server, _, folder = site
    client = server.test_client()
    _login(client)
    response = _upload(client, b"%PDF-1.7 binary\x00\x01", name="alliances.xlsx")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "contenu ni CSV, ni classeur XLSX, ni Parquet" in page
    assert _stored_files(folder) == [folder / "depots" / response.headers["Location"].rsplit("/", 1)[1] / "rapport.json"]


def test_publish_in_the_background_and_the_dashboard_follows(site):
    server, db, folder = site
    client = server.test_client()
    _login(client)
    warehouse = server.config["WAREHOUSE"]
    first = warehouse.query("app/territoires").query("niveau == 'commune'")["code"].min()
    before = (warehouse.version, set(warehouse.query("app/commune_alliances", {"code": first})["id"]))
    depot = _upload(client, _alliances(db, _new_and_bad)).headers["Location"].rsplit("/", 1)[1]
    started = time.monotonic()
    response = client.post(f"/importer/{depot}/publier", data={"csrf_token": _token(client, "/importer")})
    assert response.status_code == 302
    # a second publication while the first runs is refused clearly
    second = client.post(f"/importer/{depot}/publier", data={"csrf_token": _token(client, "/importer")})
    assert second.status_code == 409 and "déjà en cours" in second.get_data(as_text=True)
    while publication_state(folder)["etat"] == "en_cours":
        assert client.get("/").status_code == 200  # the dashboard keeps answering
        assert client.get("/importer/publication").status_code == 200  # progress: the steps done so far
        assert time.monotonic() - started < 300
        time.sleep(0.5)
    state = publication_state(folder)
    assert state["etat"] == "publiee", state["message"]
    time.sleep(1.1)  # the warehouse checks the file at most once a second
    after = (warehouse.version, set(warehouse.query("app/commune_alliances", {"code": first})["id"]))
    assert after[0] != before[0]  # the new run id: geometry and cacheable URLs follow it
    assert after[1] == before[1] | {"AL-WEB-1"}  # the commune's card reads the new data
    assert client.get(f"/commune/{first}").status_code == 200
    con = connect(db, read_only=True)
    try:
        ids = {r[0] for r in con.execute("SELECT id FROM alliance").fetchall()}
        run = con.execute("SELECT publie_par, depot FROM etl_runs ORDER BY run_id DESC LIMIT 1").fetchone()
    finally:
        con.close()
    assert {"AL-WEB-1", "AL-WEB-2"} <= ids and "AL-BAD-1" not in ids
    assert run == ("alice", depot)
    history = client.get("/importer/historique").get_data(as_text=True)
    assert "alice" in history and depot in history


def test_a_publication_losing_most_rows_is_refused_by_the_guard(site):
    server, db, folder = site
    depot = folder / "depots" / ("f" * 32)
    upload = depot / FILES
    upload.mkdir(parents=True)
    (upload / "alliances.xlsx").write_bytes(_alliances(db, lambda codes: _new_and_bad(codes)[:1], keep_published=False))
    state = start_publication(folder, db, depot, "alice", wait=True)
    assert state["etat"] == "refusee" and f"« {ENTITIES['alliances'].label} »" in state["message"]
    with pytest.raises(FileNotFoundError):
        (folder / "courant").resolve(strict=True)


def test_two_publications_at_once(site):
    server, db, folder = site
    depot = folder / "depots" / ("e" * 32)
    upload = depot / FILES
    upload.mkdir(parents=True)
    (upload / "alliances.xlsx").write_bytes(_alliances(db, lambda codes: []))
    start_publication(folder, db, depot, "alice")
    with pytest.raises(PublicationBusy):
        start_publication(folder, db, depot, "alice")
    while publication_state(folder)["etat"] == "en_cours":
        time.sleep(0.5)
    assert publication_state(folder)["etat"] == "publiee"


def test_a_broken_file_gets_a_report_and_cannot_be_published(site):
    server, _, folder = site
    client = server.test_client()
    _login(client)
    header = "id;intitule;date_debut;statut;statut;types_partenaires;forme;communes\n"
    content = (header + "AL-1;Jardin;2024-01-01;active;active;association|entreprise;mecenat;22001\n").encode()
    location = _upload(client, content, name="alliances.csv").headers["Location"]
    page = client.get(location).get_data(as_text=True)
    assert "Fichier inutilisable" in page and "colonne(s) en double : « statut »" in page
    assert 'id="publier"' not in page
    depot = location.rsplit("/", 1)[1]
    response = client.post(f"/importer/{depot}/publier", data={"csrf_token": _token(client, "/importer")})
    assert response.status_code == 409 and publication_state(folder) is None


def test_five_failures_from_one_address_lock_it_for_every_account(site):
    server, _, _ = site
    client = server.test_client()
    for name in ("x1", "x2", "x3", "x4", "x5"):
        assert _login(client, name=name, password="mauvais").status_code == 401
    assert _login(client, "bob").status_code == 429


def test_logout_ends_the_session(site):
    server, _, _ = site
    client = server.test_client()
    _login(client, "bob")
    assert client.get("/importer").status_code == 200
    assert client.get("/importer/historique").status_code == 403  # admins only
    assert client.post("/deconnexion", data={"csrf_token": _token(client, "/importer")}).status_code == 302
    assert client.get("/importer").status_code == 401
