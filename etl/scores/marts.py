"""Run the ``queries/marts`` models that compute the maturity and fragility indices."""

from __future__ import annotations

import duckdb
import pandas as pd

from atlas.warehouse import run_model
from geodata.crs import ZONE_CRS

from .config import ScoreParameters
from .publish import store_parameters

__all__ = ["MART_MODELS", "build_marts"]

#: Mart models, in dependency order.
MART_MODELS = [
    "marts/commune_point",
    "marts/catalyseur_point",
    "marts/commune_maturite",
    "marts/commune_evolution_population",
    "marts/commune_fragilite",
    "marts/territoire_commune",
    "marts/indicateur_agrege",
    "marts/indicateur_territoire",
    "marts/indicateur_france",
    "marts/priorite",
    "marts/indice_couverture",
]


def build_marts(con: duckdb.DuckDBPyConnection, parameters: ScoreParameters) -> None:
    """Store the parameters, register the parameter relations and build every mart."""
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
    params = parameters.sql_params()
    for model in MART_MODELS:
        run_model(con, model, params)
