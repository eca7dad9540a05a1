"""Data access for the dashboard: named, parameterised queries over a read-only warehouse.

Each worker process opens its own read-only DuckDB connection; a cursor per call keeps
calls thread-safe. A publication replaces the warehouse file (atomic rename): a
:class:`Warehouse` notices it (at most one ``stat`` per second) and reopens the new file,
forgetting what it had kept in memory, so every page follows the new run without a restart. What does not change while a worker lives (the published warehouse is
read-only) is read once and kept in memory: territories, indicators per level, frames.
"""

from __future__ import annotations

import os
import threading
import time
from functools import cached_property
from pathlib import Path

import pandas as pd

from atlas.parameters import RunParameters, read_parameters
from atlas.provenance import DemoStatus, Note, block_notes, read_demo_status, read_last_run
from atlas.settings import default_db_path
from atlas.warehouse import check_format, connect, fetch_df

from .labels import NIVEAUX, PROGRAMME_COUNT

__all__ = ["Warehouse", "get_warehouse", "set_default", "InvalidInput"]


class InvalidInput(ValueError):
    """A code or a name from a URL or a callback that the warehouse does not know."""


class Warehouse:
    """A read-only warehouse and the named queries the pages use."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._identity = _identity(self.path)
        self._con = connect(self.path, read_only=True)
        check_format(self._con, self.path)
        self._lock = threading.Lock()
        self._levels: dict[str, pd.DataFrame] = {}
        self._checked = time.monotonic()

    def follow_publication(self) -> None:
        """Reopen the file when a publication replaced it (checked at most once a second)."""
        now = time.monotonic()
        if now - self._checked < 1:
            return
        self._checked = now
        try:
            identity = _identity(self.path)
        except OSError:  # between two renames: keep the data we have
            return
        if identity == self._identity:
            return
        with self._lock:
            # DuckDB gives back the database already open for a path while a connection or
            # cursor holds it: close ours, and if a cursor still held the old data (same
            # run), keep serving it and try again at the next check.
            before = read_last_run(self._con)
            self._con.close()
            self._con = connect(self.path, read_only=True)
            check_format(self._con, self.path)
            if (read_last_run(self._con) or {}).get("run_id") == (before or {}).get("run_id"):
                return
            self._identity, self._levels = identity, {}
            for name, member in vars(type(self)).items():
                if isinstance(member, cached_property):
                    self.__dict__.pop(name, None)

    # ------------------------------------------------------------------ plumbing

    def query(self, name: str, params: dict | None = None) -> pd.DataFrame:
        """Run ``queries/<name>.sql`` with named parameters; return a DataFrame."""
        self.follow_publication()
        with self._lock:
            cursor = self._con.cursor()
        try:
            return fetch_df(cursor, name, **(params or {}))
        finally:
            cursor.close()

    def cursor(self):
        """A cursor of the read-only connection (for code that streams rows itself)."""
        self.follow_publication()
        with self._lock:
            return self._con.cursor()

    # ------------------------------------------------------------------ run, home

    def national_counts(self) -> dict:
        return self.query("app/national_counts").iloc[0].to_dict()

    def regions(self) -> pd.DataFrame:
        return self.query("app/regions")

    def latest_run(self) -> dict | None:
        """The run that published the warehouse, its sources decoded (:func:`atlas.provenance.read_last_run`)."""
        return self.read(read_last_run)

    @property
    def version(self) -> str:
        """Identifier of the published data (the last run), used in cacheable URLs."""
        self.follow_publication()
        return self._version

    @property
    def cache_key(self) -> tuple[str, str]:
        """Key of what a worker keeps in memory for this warehouse: its file and published run
        (a publication gives new keys, so nothing kept from the previous run is served)."""
        return str(self.path), self.version

    @cached_property
    def _version(self) -> str:
        run = self.latest_run()
        return str(run["run_id"]) if run else "0"

    def read(self, reader):
        """``reader(cursor)`` on a cursor of the read-only connection, closed afterwards."""
        cursor = self.cursor()
        try:
            return reader(cursor)
        finally:
            cursor.close()

    @cached_property
    def demo_status(self) -> DemoStatus:
        """Which entities of the published warehouse are demonstration data."""
        return self.read(read_demo_status)

    @cached_property
    def source_notes(self) -> dict[str, Note]:
        """The « Source : … » note of each card block, by entity (:func:`atlas.provenance.block_notes`)."""
        run = self.latest_run()
        return block_notes(run["sources"], run["finished_at"]) if run else {}

    @property
    def is_demo(self) -> bool:
        """True while the published warehouse holds demonstration data."""
        return self.demo_status.any

    @cached_property
    def parameters(self) -> RunParameters:
        """Weights, thresholds and radii the published scores were computed with."""
        return self.read(read_parameters)

    @cached_property
    def tables(self) -> frozenset[str]:
        return frozenset(self.query("app/tables")["table_name"])

    # ------------------------------------------------------------------ territories

    @cached_property
    def territories(self) -> pd.DataFrame:
        """Every territory: niveau, code, nom, region, departement, epci, population."""
        return self.query("app/territoires")

    @cached_property
    def _by_level(self) -> dict[str, pd.DataFrame]:
        frame = self.territories
        return {level: frame[frame["niveau"] == level].set_index("code") for level in NIVEAUX}

    def codes(self, level: str) -> pd.Index:
        return self._by_level[self.check_level(level)].index

    def exists(self, level: str, code) -> bool:
        return level in NIVEAUX and isinstance(code, str) and code in self._by_level[level].index

    def check_level(self, level) -> str:
        if level not in NIVEAUX:
            raise InvalidInput(f"niveau inconnu : {level!r}")
        return level

    def check(self, level: str, code) -> str:
        """``code`` if it is a territory of ``level``; :class:`InvalidInput` otherwise."""
        if not self.exists(self.check_level(level), code):
            raise InvalidInput(f"{level} inconnu : {code!r}")
        return code

    def territory(self, level: str, code: str) -> dict:
        """Name, parents and population of a territory (checked)."""
        row = self._by_level[level].loc[self.check(level, code)]
        return {"niveau": level, "code": code, **row.to_dict()}

    def name(self, level: str, code: str | None) -> str:
        if code is None or not self.exists(level, code):
            return "—"
        return str(self._by_level[level].at[code, "nom"])

    def children(self, level: str, parent_level: str, parent_code: str) -> pd.DataFrame:
        """Territories of ``level`` inside a région or a département."""
        frame = self._by_level[self.check_level(level)]
        return frame[frame[parent_level] == parent_code]

    @cached_property
    def extents(self) -> dict[tuple[str, str], tuple[float, float, float, float]]:
        """(west, south, east, north) of every région, département and EPCI."""
        frame = self.query("app/etendues")
        return {
            (r.niveau, r.code): (r.ouest, r.sud, r.est, r.nord) for r in frame.itertuples(index=False)
        }

    # ------------------------------------------------------------------ indicators

    def indicators(self, level: str) -> pd.DataFrame:
        """``indicateur_territoire`` rows of one level, indexed by code (kept in memory)."""
        level = self.check_level(level)
        frame = self._levels.get(level)
        if frame is None:
            frame = self.query("app/indicateurs_niveau", {"niveau": level}).set_index("code")
            parents = self._by_level[level][["nom", "region", "departement", "epci"]]
            frame = frame.join(parents, how="left")
            self._levels[level] = frame
        return frame

    def indicator_row(self, level: str, code: str) -> dict | None:
        frame = self.indicators(level)
        if code not in frame.index:
            return None
        return {"code": code, **frame.loc[code].to_dict()}

    @cached_property
    def france(self) -> dict:
        """France as a whole, aggregated as the other levels are."""
        return self.query("app/indicateurs_france").iloc[0].to_dict()

    # ------------------------------------------------------------------ maturity since 2014

    @cached_property
    def history_years(self) -> tuple[int, ...]:
        """Years of the maturity history, from 2014 to the run's year (whose row is today's state)."""
        return tuple(int(y) for y in self.query("app/historique_annees")["annee"])

    def history_level(self, level: str, year: int) -> pd.DataFrame:
        """Maturity score and class of every territory of ``level`` at 31 December of ``year``
        (indexed by code; empty for a year outside the history)."""
        return self.query("app/historique_niveau_annee",
                          {"niveau": self.check_level(level), "annee": int(year)}).set_index("code")

    def history_class_counts(self, level: str) -> pd.DataFrame:
        """annee, maturite_classe, territoires: how many territories of ``level`` fall in each class, year by year."""
        return self.query("app/historique_classes", {"niveau": self.check_level(level)})

    # ------------------------------------------------------------------ commune card

    def commune_alliances(self, code: str) -> pd.DataFrame:
        return self.query("app/commune_alliances", {"code": self.check("commune", code)})

    def commune_crte(self, code: str) -> pd.DataFrame:
        return self.query("app/commune_crte", {"code": self.check("commune", code)})

    def commune_experiments(self, code: str, radius_km: float | None = None) -> pd.DataFrame:
        """Experiments in the commune, within ``radius_km`` (default: the run's radius) or in its département."""
        if radius_km is None:
            radius_km = self.parameters.rayon_experimentations_km
        return self.query(
            "app/commune_experimentations", {"code": self.check("commune", code), "rayon_km": float(radius_km)}
        )

    def commune_catalysts(self, code: str, limit: int = 5) -> pd.DataFrame:
        return self.query("app/commune_catalyseurs", {"code": self.check("commune", code), "limite": int(limit)})

    def commune_population(self, code: str) -> dict:
        """``population_annee`` (census year) and ``evolution_population`` (% a year), either may be missing."""
        return self.query("app/commune_population", {"code": self.check("commune", code)}).iloc[0].to_dict()

    def commune_mairie(self, code: str) -> pd.DataFrame:
        """The commune's mairie (one row, or none when the source gives no contact details)."""
        return self.query("app/commune_mairie", {"code": self.check("commune", code)})

    def commune_maires(self, code: str) -> pd.DataFrame:
        """The commune's maire and maires délégués, maire first."""
        return self.query("app/commune_maires", {"code": self.check("commune", code)})

    def commune_indicators(self, code: str) -> pd.DataFrame:
        """The latest year of each indicator of the commune: value or secret, source, demo flag."""
        return self.query("app/commune_indicateurs", {"code": self.check("commune", code)})

    def commune_neighbours(self, code: str) -> pd.DataFrame:
        return self.query("app/commune_voisins", {"code": self.check("commune", code)})

    def commune_programmes(self, code: str) -> pd.DataFrame:
        """The State programmes covering the commune: one row per contract or site."""
        return self.query("app/commune_programmes", {"code": self.check("commune", code)})

    # ------------------------------------------------------------------ State programmes

    @cached_property
    def programmes(self) -> pd.DataFrame:
        """The programmes the warehouse holds: code, libelle, description, url, communes."""
        return self.query("app/programmes")

    @cached_property
    def programme_choices(self) -> frozenset[str]:
        """What the map's programme selector accepts: a programme code or the number of programmes."""
        return frozenset(self.programmes["code"]) | {PROGRAMME_COUNT}

    @cached_property
    def programme_labels(self) -> dict[str, str]:
        """Programme code → French label."""
        return dict(zip(self.programmes["code"], self.programmes["libelle"]))

    def programme_label(self, code: str) -> str:
        """The programme's French label (its code if unknown)."""
        return self.programme_labels.get(code, code)

    def programmes_by_level(self, level: str) -> pd.DataFrame:
        """Communes of every territory of ``level`` and, per programme present, those it covers."""
        return self.query("app/programmes_niveau", {"niveau": self.check_level(level)})

    def territory_programmes(self, level: str, code: str) -> pd.DataFrame:
        """The programmes present in a territory, with communes covered and contracts or sites."""
        return self.query("app/territoire_programmes", {"niveau": level, "code": self.check(level, code)})

    # ------------------------------------------------------------------ larger territories

    def epci_nature(self, code: str) -> str | None:
        """The legal nature code of EPCI ``code`` (checked): « CC », « CA »…, None when not recorded."""
        frame = self.query("app/epci_nature", {"code": self.check("epci", code)})
        return None if frame.empty or pd.isna(frame.iloc[0, 0]) else str(frame.iloc[0, 0])

    def activity(self, level: str, code: str) -> dict:
        frame = self.query("app/territoire_activite", {"niveau": level, "code": self.check(level, code)})
        return frame.iloc[0].to_dict()

    def priority_communes(self, region: str | None, departement: str | None = None, limit: int = 15,
                          epci: str | None = None) -> pd.DataFrame:
        """The priority communes of a région (or of one of its départements), or of an EPCI (``region`` None)."""
        for level, code in (("region", region), ("departement", departement), ("epci", epci)):
            if code is not None:
                self.check(level, code)
        return self.query(
            "app/priorite_communes",
            {"region": region, "departement": departement, "epci": epci, "limite": int(limit)},
        )

    # ------------------------------------------------------------------ mesures

    @cached_property
    def measures(self) -> pd.DataFrame:
        return self.query("app/mesures")

    @cached_property
    def measure_reviews(self) -> pd.DataFrame:
        return self.query("app/mesures_suivi")

    @cached_property
    def measure_indicators(self) -> pd.DataFrame:
        """Every value of the mesures' indicators, with its progress rate (``taux``, 0–1)."""
        return self.query("app/mesures_indicateurs")

    # ------------------------------------------------------------------ search

    @cached_property
    def postal_codes(self) -> pd.DataFrame:
        """(code_postal, commune) if the warehouse has the optional table, else empty."""
        if "code_postal" not in self.tables:
            return pd.DataFrame({"code_postal": pd.Series(dtype=str), "commune": pd.Series(dtype=str)})
        return self.query("app/codes_postaux")

    @cached_property
    def search_index(self):
        from .search import SearchIndex

        return SearchIndex(self.territories, self.postal_codes)


def _identity(path: Path) -> tuple[int, int, int]:
    """What changes when a publication replaces the file: inode, modification time, size."""
    stat = path.stat()
    return stat.st_ino, stat.st_mtime_ns, stat.st_size


_lock = threading.Lock()
_instances: dict[Path, Warehouse] = {}
_default: Path | None = None


def set_default(path: str | Path) -> None:
    """Make ``path`` the warehouse of pages that do not name one (done by ``create_app``)."""
    global _default
    _default = Path(path).resolve()


def get_warehouse(path: str | Path | None = None) -> Warehouse:
    """The process-wide warehouse: ``path``, else the app's, else ``$TERRITOIRES_DB``."""
    path = Path(path or _default or os.environ.get("TERRITOIRES_DB") or default_db_path()).resolve()
    with _lock:
        if path not in _instances:
            _instances[path] = Warehouse(path)
        return _instances[path]
