"""Accounts of the « Importer » pages and the lockout of repeated failed logins.

Accounts live in ``<import folder>/comptes.json`` (name → role and argon2 hash, written
by ``territoires utilisateur ajouter``; the file is readable by its owner only). Roles:
``editeur`` uploads files and reads reports, ``admin`` also publishes.

Failed logins are counted in ``<import folder>/connexions.json`` (shared by every server
process): :data:`MAX_FAILURES` failures within :data:`LOCKOUT` lock the account, and
separately the client address, for :data:`LOCKOUT` after the last failure.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

__all__ = ["ROLES", "MAX_FAILURES", "LOCKOUT_S", "Account", "AccountError", "Accounts", "Lockout"]

#: Roles and what they may do, in French.
ROLES = {"editeur": "dépose des fichiers et lit les rapports", "admin": "dépose, lit les rapports et publie"}
MAX_FAILURES = 5
LOCKOUT_S = 15 * 60

_NAME = re.compile(r"^[A-Za-z0-9._@-]{2,64}$")
_HASHER = PasswordHasher()
#: Verified against when the account does not exist, so both cases take the same time.
_DUMMY = _HASHER.hash("compte-inexistant")


class AccountError(ValueError):
    """A refused account operation (French message)."""


@dataclass(frozen=True)
class Account:
    name: str
    role: str

    @property
    def can_publish(self) -> bool:
        return self.role == "admin"


class Accounts:
    """The accounts file of an import folder."""

    def __init__(self, folder: Path):
        self.path = Path(folder) / "comptes.json"

    def _read(self) -> dict[str, dict]:
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}

    def get(self, name: str) -> Account | None:
        entry = self._read().get(name)
        return Account(name, entry["role"]) if entry else None

    def any(self) -> bool:
        return bool(self._read())

    def add(self, name: str, password: str, role: str = "editeur") -> Account:
        """Create or replace the account ``name``."""
        if not _NAME.match(name):
            raise AccountError("nom de compte invalide : 2 à 64 caractères parmi lettres, chiffres, . _ @ -")
        if role not in ROLES:
            raise AccountError(f"rôle inconnu « {role} » ; rôles : {', '.join(ROLES)}")
        if len(password) < 12:
            raise AccountError("mot de passe trop court : au moins 12 caractères")
        accounts = self._read()
        accounts[name] = {"role": role, "hash": _HASHER.hash(password)}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(accounts, handle, ensure_ascii=False, indent=1)
        os.replace(tmp, self.path)
        return Account(name, role)

    def check(self, name: str, password: str) -> Account | None:
        """The account when ``password`` is its password, else None (constant work either way)."""
        entry = self._read().get(name)
        try:
            _HASHER.verify(entry["hash"] if entry else _DUMMY, password)
        except (VerificationError, InvalidHashError):
            return None
        return Account(name, entry["role"]) if entry else None


class Lockout:
    """Failed logins per account and per address, shared by the server's processes (a JSON
    file under an exclusive ``flock``)."""

    def __init__(self, folder: Path, max_failures: int = MAX_FAILURES, window_s: float = LOCKOUT_S):
        Path(folder).mkdir(parents=True, exist_ok=True)
        self.path = Path(folder) / "connexions.json"
        self.max_failures, self.window_s = max_failures, window_s

    @contextmanager
    def _failures(self, now: float):
        """The recent failures by key (older ones dropped), written back on exit."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        with os.fdopen(fd, "r+", encoding="utf-8") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                data = json.loads(handle.read() or "{}")
            except json.JSONDecodeError:
                data = {}
            since = now - self.window_s
            data = {k: [s for s in v if s > since] for k, v in data.items()}
            yield data
            handle.seek(0)
            handle.truncate()
            json.dump({k: v for k, v in data.items() if v}, handle)

    def locked(self, *keys: str, now: float | None = None) -> bool:
        """True when one of ``keys`` (``compte:NOM``, ``adresse:IP``) is locked out."""
        with self._failures(now or time.time()) as data:
            return any(len(data.get(key, ())) >= self.max_failures for key in keys)

    def fail(self, *keys: str, now: float | None = None) -> None:
        now = now or time.time()
        with self._failures(now) as data:
            for key in keys:
                data.setdefault(key, []).append(now)

    def clear(self, key: str) -> None:
        with self._failures(time.time()) as data:
            data.pop(key, None)
