"""Exports are rendered once, HEAD never renders, renders are capped, clients are rate-limited."""

from __future__ import annotations

import fcntl
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

import atlas
import exports
from dashboard.app import create_app
from dashboard.export_cache import ExportCache, code_fingerprint


@pytest.fixture()
def app(small_run, tmp_path, monkeypatch):
    monkeypatch.setenv("TERRITOIRES_EXPORTS", str(tmp_path / "exports"))
    monkeypatch.delenv("TERRITOIRES_EXPORTS_LIMITE", raising=False)
    return create_app(small_run.db_path)


@pytest.fixture()
def renders(monkeypatch):
    """Count the renders the web route starts."""
    calls = []
    real = exports.render_snapshot

    def counting(snapshot, fmt):
        calls.append((snapshot.territory.code, fmt))
        return real(snapshot, fmt)

    monkeypatch.setattr(exports, "render_snapshot", counting)
    return calls


def test_an_export_is_rendered_once_then_served_from_the_cache(app, renders):
    client = app.server.test_client()
    first = client.get("/exporter/region/53/xlsx")
    second = client.get("/exporter/region/53/xlsx")
    assert first.status_code == second.status_code == 200
    assert first.data == second.data and renders == [("53", "xlsx")]
    assert load_workbook(io.BytesIO(second.data), read_only=True).sheetnames
    assert second.headers["Content-Disposition"].startswith('attachment; filename="bretagne-53_')


def test_head_never_renders_and_announces_the_download(app, renders):
    client = app.server.test_client()
    head = client.head("/exporter/departement/29/pdf")
    assert head.status_code == 200 and renders == []
    assert head.headers["Content-Type"] == "application/pdf"
    assert 'filename="finistere-29_' in head.headers["Content-Disposition"]
    client.get("/exporter/departement/29/pdf")
    cached = client.head("/exporter/departement/29/pdf")
    assert cached.status_code == 200 and int(cached.headers["Content-Length"]) > 1000 and len(renders) == 1


def test_csv_content_type_names_its_charset_once(app):
    response = app.server.test_client().get("/exporter/departement/22/csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"


@pytest.mark.parametrize("url", ["/exporter/departement/2a/csv", "/exporter/departement/029/csv",
                                 "/exporter/region/53/exe", "/exporter/commune/99999/pdf",
                                 "/exporter/epci/24290000/pdf"])
def test_codes_the_pages_refuse_are_refused_here_too(app, url):
    assert app.server.test_client().get(url).status_code == 404


def test_when_every_render_slot_is_taken_the_answer_is_429_with_retry_after(app, renders, tmp_path):
    locks = tmp_path / "exports" / ".verrous"
    locks.mkdir(parents=True)
    with open(locks / "rendu-0.lock", "a+b") as held:  # another process is rendering
        fcntl.flock(held, fcntl.LOCK_EX)
        busy = app.server.test_client().get("/exporter/region/53/pdf")
    assert busy.status_code == 429 and renders == []
    assert busy.headers["Retry-After"] == "5"
    assert "réessayez dans un instant" in busy.get_data(as_text=True)
    assert app.server.test_client().get("/exporter/region/53/pdf").status_code == 200  # slot free again


def test_a_client_starting_too_many_downloads_is_told_to_wait(small_run, tmp_path, monkeypatch):
    monkeypatch.setenv("TERRITOIRES_EXPORTS", str(tmp_path / "exports"))
    monkeypatch.setenv("TERRITOIRES_EXPORTS_LIMITE", "3 per minute")
    client = create_app(small_run.db_path).server.test_client()
    statuses = [client.get("/exporter/departement/22/csv").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = client.get("/exporter/departement/22/csv")
    assert "Retry-After" in refused.headers and "réessayez" in refused.get_data(as_text=True)
    assert client.get("/").status_code == 200  # pages are not limited


def test_a_new_run_gets_a_new_folder_and_the_old_one_is_removed(tmp_path):
    old = ExportCache(tmp_path, "1|2026-11-01")
    assert old.put(("d", "region", "53", "csv"), b"ancien", "a.csv", "text/csv") is not None
    new = ExportCache(tmp_path, "2|2026-12-01")
    assert new.get("d", "region", "53", "csv") is None
    stored = new.put(("d", "region", "53", "csv"), b"nouveau", "a.csv", "text/csv")
    assert stored.path.read_bytes() == b"nouveau" and not old.folder.exists()


def test_cache_file_names_do_not_contain_the_request_text(tmp_path):
    cache = ExportCache(tmp_path, "run")
    stored = cache.put(("2026-12-01", "region", "../../etc", "pdf"), b"x", "f.pdf", "application/pdf")
    assert stored.path.parent == cache.folder and "etc" not in stored.path.name


def test_exports_of_an_older_version_of_the_renderers_are_not_served(tmp_path):
    code = tmp_path / "code"
    (code / "sub").mkdir(parents=True)
    (code / "rendu.py").write_text("TITRE = 'Maturité : 46,6 / 100'\n")
    (code / "sub" / "autre.py").write_text("X = 1\n")
    before = code_fingerprint(code)
    assert code_fingerprint(code) == before  # the same code, the same key
    (code / "rendu.py").write_text("TITRE = 'Maturité : 47 / 100'\n")
    after = code_fingerprint(code)
    assert after != before
    old = ExportCache(tmp_path / "exports", f"1|2026-12-01|{before}")
    assert old.put(("d", "commune", "29019", "fiche"), b"ancienne fiche", "f.pdf", "application/pdf") is not None
    assert ExportCache(tmp_path / "exports", f"1|2026-12-01|{after}").get("d", "commune", "29019", "fiche") is None


def test_the_served_exports_folder_follows_the_renderers_code(demo_warehouse):
    from dashboard.downloads import RENDERERS, _run_key

    assert _run_key(demo_warehouse).endswith("|" + RENDERERS)
    assert RENDERERS == code_fingerprint(Path(exports.__file__).parent, Path(atlas.__file__).parent)
