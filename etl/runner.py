"""The ETL job: every step of a run, its journal and its summary.

A run builds a complete warehouse in a temporary file (see :mod:`etl.publish`):

1. read the boundaries source;            4. load DuckDB (staging -> core models);
2. repair the commune coverage, dissolve;  5. check (validity, keys, areas, counts);
3. build the display geometry;             6. journal (etl_runs…) and publish.
"""

from __future__ import annotations

import json
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb

from geodata.coverage import DEFAULT_GAP_WIDTH
from geodata.model import BoundariesError
from geodata.sources import read_boundaries

from . import boundaries as bsteps
from .publish import publishing
from .warehouse import connect, run_checks, run_model

__all__ = ["Reporter", "RunOptions", "RunReport", "PublicationError", "run_etl", "CORE_MODELS"]

#: Core models, in dependency order.
CORE_MODELS = [
    "core/commune",
    "core/epci",
    "core/departement",
    "core/region",
    "core/commune_historique",
    "core/arrondissement_municipal",
    "core/geometrie_affichage",
]
CHECKS = ["checks/geometry_valid", "checks/references", "checks/counts", "checks/areas"]
JOURNAL_TABLES = ["etl_runs", "etl_rejects", "etl_anomalies"]
PUBLISHED_TABLES = ["commune", "epci", "departement", "region", "commune_historique",
                    "arrondissement_municipal", "geometrie_affichage"]


class PublicationError(Exception):
    """The built warehouse failed its checks; nothing was published."""


class Reporter:
    """Receives progress; the CLI shows it, tests and library callers ignore it."""

    @contextmanager
    def step(self, label: str):
        yield

    def info(self, message: str) -> None:  # pragma: no cover - default is silent
        pass


@dataclass
class RunOptions:
    db_path: Path
    boundaries_path: Path | None = None
    gap_width: float = DEFAULT_GAP_WIDTH
    min_communes: int = 1
    area_tolerance: float = 0.005
    cache_dir: Path | None = None


@dataclass
class RunReport:
    run_id: int
    db_path: Path
    started_at: datetime
    finished_at: datetime
    sources: list[dict]
    row_counts: dict[str, int]
    anomalies: list
    rejects: list
    step_seconds: dict[str, float] = field(default_factory=dict)

    @property
    def duration_s(self) -> float:
        return (self.finished_at - self.started_at).total_seconds()


def _carry_over_journal(con: duckdb.DuckDBPyConnection, published: Path, reporter: Reporter) -> int:
    """Copy the journal of the published warehouse; return the next run id."""
    run_model(con, "schema/etl_tables")
    if not published.exists():
        return 1
    try:
        # ATTACH takes no prepared parameter: the path (ours, never a web input) is quoted.
        literal = "'" + str(published).replace("'", "''") + "'"
        con.execute(f"ATTACH {literal} AS previous (READ_ONLY)")
    except duckdb.Error as exc:
        reporter.info(f"entrepôt précédent illisible ({exc}) : historique des exécutions repris à zéro")
        return 1
    try:
        for table in JOURNAL_TABLES:
            try:
                con.execute(f"INSERT INTO {table} SELECT * FROM previous.{table}")
            except duckdb.Error:
                reporter.info(f"table {table} absente de l'entrepôt précédent : ignorée")
    finally:
        con.execute("DETACH previous")
    return int(con.execute("SELECT coalesce(max(run_id), 0) + 1 FROM etl_runs").fetchone()[0])


def run_etl(options: RunOptions, reporter: Reporter | None = None) -> RunReport:
    """Build and publish the warehouse; raise on unusable input, leaving the published file as is."""
    reporter = reporter or Reporter()
    started = datetime.now()
    timings: dict[str, float] = {}

    @contextmanager
    def timed(label: str):
        t0 = time.perf_counter()
        with reporter.step(label):
            yield
        timings[label] = time.perf_counter() - t0

    target = Path(options.db_path)
    with publishing(target) as tmp:
        with timed("Lecture des limites administratives"):
            boundaries, rejects = read_boundaries(options.boundaries_path, cache_dir=options.cache_dir)
        with timed("Réparation de la couverture communale et agrégation"):
            coverage = bsteps.repair(boundaries, options.gap_width)
        with timed("Géométrie d'affichage simplifiée"):
            display = bsteps.display(coverage)
        prepared = bsteps.PreparedBoundaries(boundaries, coverage, display, rejects)

        con = connect(tmp)
        try:
            with timed("Chargement dans DuckDB"):
                run_id = _carry_over_journal(con, target, reporter)
                bsteps.register(con, prepared)
                run_model(con, "staging/stg_commune")
                run_model(con, "staging/stg_territoire")
                for model in CORE_MODELS:
                    run_model(con, model)
            with timed("Contrôles de l'entrepôt"):
                problems = run_checks(
                    con, CHECKS, {"min_communes": options.min_communes, "tolerance": options.area_tolerance}
                )
                if problems:
                    lines = "\n".join(f"  - {p} : {d}" for _, p, d in problems[:20])
                    raise PublicationError(
                        f"l'entrepôt construit ne passe pas {len(problems)} contrôle(s) ; rien n'a été publié :\n{lines}"
                    )
            with timed("Journal et publication"):
                row_counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in PUBLISHED_TABLES}
                sources = [
                    {
                        "nom": boundaries.source.name,
                        "version": boundaries.source.version,
                        "chemin": boundaries.source.path,
                        "sha256": boundaries.source.sha256,
                        "licence": boundaries.source.licence,
                    }
                ]
                for a in prepared.anomalies:
                    con.execute(
                        "INSERT INTO etl_anomalies VALUES (?, ?, ?, ?)", [run_id, a.kind, a.code, a.detail]
                    )
                for r in rejects:
                    con.execute(
                        "INSERT INTO etl_rejects VALUES (?, ?, ?, ?, ?, ?)",
                        [run_id, f"{r.file}:{r.layer}" if r.layer else str(r.file), r.line, r.column,
                         None if r.value is None else str(r.value), r.reason],
                    )
                finished = datetime.now()
                con.execute(
                    "INSERT INTO etl_runs VALUES (?, ?, ?, 'publié', ?, ?, ?, ?)",
                    [
                        run_id, started, finished, json.dumps(sources, ensure_ascii=False),
                        json.dumps(row_counts), json.dumps({}), (finished - started).total_seconds(),
                    ],
                )
                con.execute("CHECKPOINT")
        finally:
            con.close()
    return RunReport(
        run_id=run_id,
        db_path=target,
        started_at=started,
        finished_at=datetime.now(),
        sources=sources,
        row_counts=row_counts,
        anomalies=prepared.anomalies,
        rejects=rejects,
        step_seconds=timings,
    )
