"""``territoires barometre``: exchange the indicators of the mesures in the Baromètre des
résultats de l'action publique's CSV layout (:mod:`atlas.barometre`)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from atlas.settings import default_db_path

barometre_app = typer.Typer(
    help="Échange des indicateurs des mesures au format du Baromètre des résultats de l'action publique.",
    no_args_is_help=True,
)


@barometre_app.command("exporter")
def exporter(
    out: Path = typer.Option(..., "--out", help="Fichier CSV à écrire (format du Baromètre)."),
    db: Optional[Path] = typer.Option(None, "--db", help="Entrepôt DuckDB à lire (lecture seule)."),
) -> None:
    """Écrit les indicateurs des mesures de l'entrepôt publié au format du Baromètre : une ligne par
    indicateur, zone (FRA, R + code région) et date."""
    from exports.barometre import write_barometre

    from .cli import _fail, _read_warehouse, console

    try:
        count = _read_warehouse(db or default_db_path(), lambda con: write_barometre(con, out))
    except OSError as exc:
        _fail(f"écriture impossible dans {out} : {exc.strerror or exc}")
    console.print(f"{count} ligne{'s' if count > 1 else ''} écrite{'s' if count > 1 else ''} dans {out}.")


@barometre_app.command("verifier")
def verifier(
    fichier: Path = typer.Argument(..., help="Fichier CSV au format du Baromètre."),
    db: Optional[Path] = typer.Option(None, "--db", help="Entrepôt dont les régions font référence."),
) -> None:
    """Lit un fichier au format du Baromètre comme « territoires etl --data » le lira (indicateurs
    déclarés par le fichier mesures_indicateurs du même dossier) et dit ce qui sera repris et ce qui
    ne le sera pas, ligne par ligne. N'écrit rien."""
    from etl.domain.errors import DomainFileError
    from etl.domain.register import references_from_warehouse
    from etl.public.barometre import BarometreReader

    from .cli import _fail, _read_warehouse, console

    reader = BarometreReader()
    found = reader.detect(fichier) if fichier.is_file() else None
    if found is None:
        _fail(f"fichier {fichier} : introuvable ou sans l'en-tête du Baromètre "
              "(indic_id,enforce_zone_id,metric_enforce_date,maille,indic_vi,indic_va,indic_vc,indic_ta)")
    refs = _read_warehouse(db or default_db_path(), references_from_warehouse)
    try:
        load = reader.load([found], refs)
    except DomainFileError as exc:
        _fail(str(exc))
    count = load.file_counts[0]
    console.print(f"{fichier.name} : {count.read} lignes lues, {count.loaded} reprises, {count.rejected} non reprises.")
    for reject in load.rejects:
        console.print(f"  ligne {reject.line}, {reject.column} « {reject.value or ''} » : {reject.reason}",
                      soft_wrap=True)
    for note in load.notes:
        console.print(f"  {note.message}", soft_wrap=True)
