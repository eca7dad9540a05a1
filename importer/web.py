"""The « Importer » pages, added to the dashboard's Flask server by ``territoires serve``.

``/connexion`` and ``/deconnexion`` (flask-login, argon2 accounts of
:mod:`importer.accounts`, lockout after repeated failures); ``/importer`` (drop files,
role ``editeur`` or ``admin``), ``/importer/<dépôt>`` (the validation report),
``/importer/<dépôt>/rejets.xlsx``, ``/importer/<dépôt>/publier`` (role ``admin``),
``/importer/publication`` (progress of the last publication), ``/importer/historique``
(publications, role ``admin``). Every form carries a CSRF token (flask-wtf); the session
cookie is ``HttpOnly``, ``SameSite=Strict``, and ``Secure`` with ``TERRITOIRES_HTTPS=1``.
An anonymous request gets 401, an ``editeur`` publishing 403; neither writes a file.
"""

from __future__ import annotations

import json
import os
import secrets
import tempfile
import uuid
from dataclasses import asdict
from pathlib import Path

from flask import Flask, Response, abort, redirect, request, url_for
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from flask_wtf.csrf import CSRFError, generate_csrf, validate_csrf
from wtforms.validators import ValidationError

from atlas.warehouse import connect, fetch_df

from .accounts import LOCKOUT_S, Account, Accounts, Lockout
from .jobs import FILES, RUNNING, PublicationBusy, current_folder, publication_log, publication_state, start_publication
from .report import EntityChange, FileReport, Report, rejects_workbook, validate
from .uploads import MAX_FILE_BYTES, MAX_FILES, Refused, store_upload
from . import pages

__all__ = ["register", "import_folder", "MAX_UPLOAD_BYTES"]

#: Largest request body of an upload (every file together).
MAX_UPLOAD_BYTES = 64 * 1024 * 1024


def import_folder(db_path: Path) -> Path:
    """The import data folder of a warehouse: ``$TERRITOIRES_IMPORT`` or ``<entrepôt>.import``."""
    env = os.environ.get("TERRITOIRES_IMPORT")
    return Path(env) if env else Path(str(db_path) + ".import")


def _secret(folder: Path) -> bytes:
    """The session key shared by the server's processes (created once, owner-only)."""
    path = folder / "cle_secrete"
    folder.mkdir(parents=True, exist_ok=True)
    if path.exists():
        return path.read_bytes()
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".cle-")  # owner-only
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(secrets.token_bytes(32))
        os.link(tmp, path)  # atomic: the first process wins, whole
    except FileExistsError:
        pass
    finally:
        os.unlink(tmp)
    return path.read_bytes()


class _User(UserMixin):
    def __init__(self, account: Account):
        self.account = account
        self.id = account.name


def register(server: Flask, db_path: Path) -> None:
    """Add the import pages to ``server`` over the warehouse ``db_path``."""
    folder = import_folder(Path(db_path))
    accounts, lockout = Accounts(folder), Lockout(folder)
    uploads = folder / "depots"
    server.secret_key = _secret(folder)
    server.config.update(
        SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Strict",
        SESSION_COOKIE_SECURE=os.environ.get("TERRITOIRES_HTTPS") == "1",
        MAX_UPLOAD_BYTES=MAX_UPLOAD_BYTES,
    )
    login = LoginManager(server)

    @login.user_loader
    def load_user(name: str):
        account = accounts.get(name)
        return _User(account) if account else None

    @login.unauthorized_handler
    def unauthorized():
        return pages.page("Connexion requise", pages.UNAUTHORIZED, status=401)

    def page(title: str, body: str, status: int = 200, **context) -> Response:
        return pages.page(title, body, status=status, user=current_user, csrf=generate_csrf, **context)

    def require(publish: bool = False) -> Account | Response:
        if not current_user.is_authenticated:
            return unauthorized()
        if publish and not current_user.account.can_publish:
            return page("Accès refusé", pages.FORBIDDEN, status=403)
        return current_user.account

    def csrf_ok() -> bool:
        try:
            validate_csrf(request.form.get("csrf_token"))
        except (ValidationError, CSRFError):
            return False
        return True

    def refused_csrf() -> Response:
        return page("Formulaire expiré", pages.CSRF, status=400)

    # ------------------------------------------------------------------ login

    @server.route("/connexion", methods=["GET", "POST"])
    def connexion():
        if request.method == "GET":
            return page("Connexion", pages.LOGIN, message=None)
        if not csrf_ok():
            return refused_csrf()
        name = request.form.get("nom", "").strip()[:64]
        keys = (f"compte:{name}", f"adresse:{request.remote_addr}")
        if lockout.locked(*keys):
            minutes = LOCKOUT_S // 60
            return page("Connexion", pages.LOGIN, status=429,
                        message=f"Trop d'échecs : connexion bloquée {minutes} minutes pour ce compte ou cette adresse.")
        account = accounts.check(name, request.form.get("mot_de_passe", ""))
        if account is None:
            lockout.fail(*keys)
            return page("Connexion", pages.LOGIN, status=401, message="Nom ou mot de passe incorrect.")
        lockout.clear(keys[0])
        login_user(_User(account))
        return redirect(url_for("importer_form"))

    @server.route("/deconnexion", methods=["POST"])
    def deconnexion():
        if not csrf_ok():
            return refused_csrf()
        logout_user()
        return redirect("/")

    # ------------------------------------------------------------------ upload and report

    @server.route("/importer", methods=["GET", "POST"], endpoint="importer_form")
    def importer_form():
        account = require()
        if isinstance(account, Response):
            return account
        if request.method == "GET":
            return page("Importer des données", pages.UPLOAD, state=publication_state(folder),
                        max_mb=MAX_FILE_BYTES // (1024 * 1024), max_files=MAX_FILES)
        request.max_content_length = MAX_UPLOAD_BYTES
        if not csrf_ok():
            return refused_csrf()
        files = [f for f in request.files.getlist("fichiers") if f and f.filename]
        if not files or len(files) > MAX_FILES:
            return page("Importer des données", pages.UPLOAD, status=400, state=publication_state(folder),
                        max_mb=MAX_FILE_BYTES // (1024 * 1024), max_files=MAX_FILES,
                        message=f"Choisir entre 1 et {MAX_FILES} fichiers.")
        depot = uuid.uuid4().hex
        target = uploads / depot / FILES
        refused: list[Refused] = []
        stored = []
        with tempfile.TemporaryDirectory() as scratch:
            for index, upload in enumerate(files):
                tmp = Path(scratch) / f"envoi{index}"
                upload.save(tmp)
                outcome = store_upload(Path(upload.filename).name, tmp, target)
                (refused if isinstance(outcome, Refused) else stored).append(outcome)
            report = Report(error=None)
            if stored:
                con = connect(db_path, read_only=True)
                try:
                    report = validate(target, current_folder(folder), con, Path(scratch) / "compose")
                finally:
                    con.close()
        meta = {"par": account.name, "stockes": [asdict(s) for s in stored],
                "refuses": [asdict(r) for r in refused], "rapport": _report_json(report)}
        (uploads / depot).mkdir(parents=True, exist_ok=True)
        (uploads / depot / "rapport.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        return redirect(url_for("importer_report", depot=depot))

    def load_meta(depot: str) -> dict:
        if len(depot) != 32 or not all(c in "0123456789abcdef" for c in depot):
            abort(404)
        try:
            return json.loads((uploads / depot / "rapport.json").read_text(encoding="utf-8"))
        except FileNotFoundError:
            abort(404)

    @server.route("/importer/<depot>", endpoint="importer_report")
    def importer_report(depot: str):
        account = require()
        if isinstance(account, Response):
            return account
        meta = load_meta(depot)
        return page("Rapport de validation", pages.REPORT, depot=depot, meta=meta, report=_report_of(meta["rapport"]),
                    can_publish=account.can_publish)

    @server.route("/importer/<depot>/rejets.xlsx")
    def importer_rejects(depot: str):
        account = require()
        if isinstance(account, Response):
            return account
        meta = load_meta(depot)
        content = rejects_workbook(_report_of(meta["rapport"]), uploads / depot / FILES)
        return Response(content, content_type=pages.XLSX, headers={
            "Content-Disposition": 'attachment; filename="rejets.xlsx"', "Cache-Control": "no-store"})

    @server.route("/importer/<depot>/publier", methods=["POST"])
    def importer_publish(depot: str):
        account = require(publish=True)
        if isinstance(account, Response):
            return account
        if not csrf_ok():
            return refused_csrf()
        meta = load_meta(depot)
        if not _report_of(meta["rapport"]).publishable:
            return page("Publication impossible", pages.NOT_PUBLISHABLE, status=409)
        try:
            start_publication(folder, Path(db_path), uploads / depot, account.name)
        except PublicationBusy as exc:
            return page("Publication en cours", pages.BUSY, status=409, message=str(exc))
        return redirect(url_for("importer_publication"))

    @server.route("/importer/publication", endpoint="importer_publication")
    def importer_publication():
        account = require()
        if isinstance(account, Response):
            return account
        state = publication_state(folder)
        running = bool(state and state["etat"] == RUNNING)
        if running:  # the steps done so far
            state = {**state, "message": publication_log(folder, state)}
        return page("Publication", pages.PUBLICATION, state=state, running=running)

    @server.route("/importer/historique")
    def importer_history():
        account = require(publish=True)
        if isinstance(account, Response):
            return account
        con = connect(db_path, read_only=True)
        try:
            runs = fetch_df(con, "app/publications").to_dict("records")
        finally:
            con.close()
        return page("Historique des publications", pages.HISTORY, runs=runs)


def _report_json(report: Report) -> dict:
    return {
        "files": [asdict(f) for f in report.files],
        "rejects": [asdict(r) for r in report.rejects],
        "warnings": report.warnings,
        "changes": [asdict(c) for c in report.changes],
        "error": report.error,
    }


def _report_of(data: dict) -> Report:
    from etl.domain.loader import Reject

    return Report(
        files=[FileReport(**f) for f in data["files"]],
        rejects=[Reject(**r) for r in data["rejects"]],
        warnings=list(data["warnings"]),
        changes=[EntityChange(**c) for c in data["changes"]],
        error=data["error"],
    )

