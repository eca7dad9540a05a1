"""Every SQL statement of the project, one file per model, loaded by name.

Layers (as in a dbt project):

- ``schema/``: tables that outlive a run (ETL journal, format version).
- ``macros/``: DuckDB macros (repeated expressions), kept in the warehouse for every reader.
- ``staging/``: light typing of what Python registered as ``raw_*`` relations (every one).
- ``core/``: the territorial tables analysts query (commune, epci, departement…).
- ``marts/``: tables, views and table macros built for the dashboard and the exports.
- ``checks/``: queries returning one row per violation; a publication needs none.
- ``app/``: parameterised read queries of the dashboard, and those every reader shares
  (last run, layout version).
- ``exports/``: read queries of the territory snapshots (PDF, XLSX, GIS…).
- ``etl/``: what the run itself reads and writes besides models (journal, carry-over of the
  published warehouse, demo generator's inputs).

Names are paths without the ``.sql`` suffix: ``sql("core/commune")``; an unknown name is
refused. Parameters are DuckDB named parameters (``$code``), never string formatting;
:func:`atlas.warehouse.run` executes a model and binds them. The order in which a run
executes the models is declared once, in :data:`STEPS`.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

__all__ = ["sql", "names", "all_names", "STEPS"]

#: The models each step of a run executes, in execution order: the one place where the
#: order is declared (``etl.runner`` and ``etl.scores.marts`` read it).
STEPS: dict[str, tuple[str, ...]] = {
    # Administrative boundaries, registered by etl.boundaries as raw_* relations.
    "limites": (
        "staging/stg_commune",
        "staging/stg_territoire",
        "staging/stg_epci",
        "staging/stg_departement",
        "staging/stg_region",
        "staging/stg_commune_historique",
        "staging/stg_arrondissement_municipal",
        "staging/stg_geometrie_affichage",
        "staging/stg_code_postal",
        "staging/stg_mairie",
        "staging/stg_maire_limites",
        "core/commune",
        "core/epci",
        "core/departement",
        "core/region",
        "core/commune_historique",
        "core/arrondissement_municipal",
        "core/geometrie_affichage",
        "core/code_postal",
        "core/mairie",
        "core/maire_limites",
    ),
    # Domain data, registered by etl.domain.register as raw_<entity> relations, and the real
    # public files (etl.public) as raw_<table> relations.
    "domaine": (
        "staging/stg_alliances",
        "staging/stg_crte",
        "staging/stg_programme",
        "staging/stg_programme_territoire",
        "staging/stg_programme_commune",
        "staging/stg_programme_groupement",
        "staging/stg_experimentations",
        "staging/stg_catalyseurs",
        "staging/stg_mesures",
        "staging/stg_mesures_suivi",
        "staging/stg_mesures_indicateurs",
        "staging/stg_barometre",
        "staging/stg_indicateurs",
        "staging/stg_rne_maire",
        "staging/stg_indicateurs_publics",
        "core/alliance",
        "core/alliance_commune",
        "core/alliance_partenaire",
        "core/alliance_odd",
        "core/programme",
        "core/programme_territoire",
        "core/programme_commune",
        "core/crte",
        "core/crte_epci",
        "core/crte_commune",
        "core/experimentation",
        "core/catalyseur",
        "core/catalyseur_territoire",
        "core/mesure",
        "core/mesure_suivi",
        "core/mesure_indicateur",
        "core/mesure_lien",
        "core/indicateur_commune",
        "core/maire",
    ),
    # Maturity and fragility indices, and what they and the readers share (macros, the four
    # levels in one view, the communes of a territory).
    "indices": (
        "macros/moyennes",
        "macros/programmes",
        "marts/territoire",
        "marts/commune_point",
        "marts/catalyseur_point",
        "macros/maturite",
        "marts/commune_maturite",
        "marts/commune_evolution_population",
        "marts/commune_fragilite",
        "marts/territoire_commune",
        "marts/communes_du_territoire",
        "marts/indicateur_agrege",
        "marts/indicateur_territoire",
        "marts/indicateur_france",
        "marts/priorite",
        "marts/indice_couverture",
        "marts/indicateur_historique",
    ),
    # The peers of every commune and EPCI: etl.scores.pairs reads etl/territoire_profil,
    # finds the nearest neighbours and registers them as pair_calcule, which this step stores.
    "pairs": ("marts/territoire_pair",),
    # Checks of the built warehouse: any row stops the publication.
    "controles": (
        "checks/geometry_valid",
        "checks/references",
        "checks/counts",
        "checks/areas",
        "checks/domain_references",
        "checks/indicateurs",
    ),
}


@lru_cache(maxsize=None)
def all_names() -> frozenset[str]:
    """Name of every SQL file of the package (``"core/commune"``, ``"etl/reprise_journal/etl_runs"``…)."""
    root = resources.files(__name__)
    found: set[str] = set()

    def walk(folder, prefix: str) -> None:
        for entry in folder.iterdir():
            if entry.is_dir():
                walk(entry, f"{prefix}{entry.name}/")
            elif entry.name.endswith(".sql"):
                found.add(f"{prefix}{entry.name[:-4]}")

    walk(root, "")
    return frozenset(found)


@lru_cache(maxsize=None)
def sql(name: str) -> str:
    """Text of the model ``name`` (e.g. ``"core/commune"``); ``KeyError`` for an unknown name."""
    if name not in all_names():
        raise KeyError(f"unknown query {name!r}: no queries/{name}.sql")
    return resources.files(__name__).joinpath(f"{name}.sql").read_text(encoding="utf-8")


def names(layer: str) -> list[str]:
    """Names of the models of a folder (``"checks"``, ``"etl/reprise_journal"``), sorted."""
    prefix = f"{layer.rstrip('/')}/"
    return sorted(n for n in all_names() if n.startswith(prefix) and "/" not in n[len(prefix):])
