"""``territoires utilisateur ajouter``: password asked twice, argon2 hash, roles."""

from __future__ import annotations

import json
import stat

from typer.testing import CliRunner

from importer.accounts import Accounts
from territoires.cli import app

PASSWORD = "un-mot-de-passe-solide"


def _add(tmp_path, *args, typed=f"{PASSWORD}\n{PASSWORD}\n"):
    db = tmp_path / "warehouse.duckdb"
    return CliRunner().invoke(app, ["utilisateur", "ajouter", *args, "--db", str(db)], input=typed), tmp_path / "warehouse.duckdb.import"


def test_an_admin_account_is_stored_hashed(tmp_path):
    result, folder = _add(tmp_path, "alice", "--role", "admin")
    assert result.exit_code == 0, result.output
    stored = json.loads((folder / "comptes.json").read_text())
    assert stored["alice"]["role"] == "admin" and stored["alice"]["hash"].startswith("$argon2id$")
    assert PASSWORD not in (folder / "comptes.json").read_text()
    assert stat.S_IMODE((folder / "comptes.json").stat().st_mode) == 0o600
    assert Accounts(folder).check("alice", PASSWORD).can_publish
    assert Accounts(folder).check("alice", "autre chose") is None


def test_the_password_must_be_typed_twice_the_same(tmp_path):
    result, folder = _add(tmp_path, "bob", typed=f"{PASSWORD}\nune-autre-valeur-x\n{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0
    assert Accounts(folder).get("bob").role == "editeur"


def test_bad_role_or_short_password_are_refused_in_french(tmp_path):
    result, folder = _add(tmp_path, "carol", "--role", "chef")
    assert result.exit_code == 2 and "rôle inconnu" in result.stderr
    result, folder = _add(tmp_path, "carol", typed="court\ncourt\n")
    assert result.exit_code == 2 and "trop court" in result.stderr
    assert not (folder / "comptes.json").exists()
