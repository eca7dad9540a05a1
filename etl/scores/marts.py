"""Run the ``queries/marts`` models (step ``indices`` of :data:`queries.STEPS`) that compute the
maturity and fragility indices."""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from atlas.warehouse import run_step
from geodata.crs import ZONE_CRS

from .config import ScoreParameters
from .pairs import build_peers
from .publish import store_parameters

__all__ = ["build_marts"]

def build_marts(con: duckdb.DuckDBPyConnection, parameters: ScoreParameters, annee: int | None = None) -> None:
    """Store the parameters, register the parameter relations and build every mart.

    ``annee`` is the last year of the maturity history (``indicateur_historique``): the
    year of the run (today's by default).
    """
    store_parameters(con, parameters)
    con.register("zone_crs", pd.DataFrame({"zone": list(ZONE_CRS), "crs": list(ZONE_CRS.values())}))
    components = parameters.fragility_components()
    con.register(
        "fragilite_parametre",
        pd.DataFrame(
            {
                "composante": [c for c, _, _ in components],
                "sens": [s for _, s, _ in components],
                "poids": [w for _, _, w in components],
            }
        ),
    )
    run_step(con, "indices", annee_courante=annee or date.today().year, **parameters.sql_params())
    build_peers(con, parameters.pairs_poids, int(parameters.pairs["nombre"]))
