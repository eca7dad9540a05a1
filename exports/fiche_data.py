"""What the one-page fiche of a commune shows, read through named queries.

:func:`load_fiche` checks the commune code (:func:`.snapshot.find_territory`: French message,
:class:`~.snapshot.UnknownTerritoryError`), runs the queries once (those of the commune card in
``queries/app/`` and two of ``queries/exports/``) and returns a :class:`Fiche` the renderer only
reads; « Ce qui ferait progresser » is :func:`atlas.progression.for_commune`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import geopandas as gpd
import pandas as pd
import shapely

from atlas.format import is_missing
from atlas.parameters import RunParameters, read_parameters
from atlas.progression import Progression, for_commune
from atlas.warehouse import fetch_df
from geodata.crs import WGS84, crs_of_departement

from .snapshot import Vintage, find_territory, load_vintage

__all__ = ["Fiche", "load_fiche", "CATALYST_LIMIT"]

#: Nearest catalyseurs read for the fiche.
CATALYST_LIMIT = 4


@dataclass(frozen=True)
class Fiche:
    """Everything the fiche of one commune shows. Frames are in the order of their query."""

    #: code, nom, population, population_annee, superficie_km2, epci, epci_nom, departement,
    #: departement_nom, region, region_nom
    commune: dict
    #: indicateur_territoire rows (scores, classes, components) of the commune, its EPCI and France
    indicators: dict | None
    epci_indicators: dict | None
    france: dict | None
    parameters: RunParameters
    #: the commune and the communes touching it, in the projected CRS of its zone
    neighbours: gpd.GeoDataFrame
    peers: pd.DataFrame
    catalysts: pd.DataFrame
    crte: pd.DataFrame
    programmes: pd.DataFrame
    mairie: dict | None
    vintage: Vintage
    generated_on: dt.date
    #: what would move the commune up one class (None: not computed)
    progression: Progression | None = None

    @property
    def demo_label(self) -> str | None:
        """« Données de démonstration : alliances et catalyseurs »; None when nothing is demo."""
        return self.vintage.status.label()


def _row(frame: pd.DataFrame) -> dict | None:
    if frame.empty:
        return None
    return {k: (None if is_missing(v) else v) for k, v in frame.iloc[0].to_dict().items()}


def _neighbours(con: duckdb.DuckDBPyConnection, code: str, crs: str) -> gpd.GeoDataFrame:
    frame = fetch_df(con, "app/commune_voisins", code=code)
    geometry = shapely.from_geojson(frame["geometry"].tolist()) if len(frame) else []
    communes = gpd.GeoDataFrame(frame[["code", "nom", "est_la_commune", "maturite_classe"]],
                                geometry=list(geometry), crs=WGS84)
    return communes.to_crs(crs)


def load_fiche(
    con: duckdb.DuckDBPyConnection,
    code: str,
    *,
    today: dt.date | None = None,
) -> Fiche:
    """Gather the fiche of commune ``code``."""
    territory = find_territory(con, "commune", code)
    code = territory.code
    commune = _row(fetch_df(con, "exports/fiche_commune", code=code))
    epci = commune.get("epci")
    crs = crs_of_departement(commune["departement"])
    return Fiche(
        commune=commune,
        indicators=_row(fetch_df(con, "exports/indicateurs_territoire", niveau="commune", code=code)),
        epci_indicators=_row(fetch_df(con, "exports/indicateurs_territoire", niveau="epci", code=epci))
        if epci else None,
        france=_row(fetch_df(con, "app/indicateurs_france")),
        parameters=read_parameters(con),
        neighbours=_neighbours(con, code, crs),
        peers=fetch_df(con, "app/territoire_pairs", niveau="commune", code=code),
        catalysts=fetch_df(con, "app/commune_catalyseurs", code=code, limite=CATALYST_LIMIT),
        crte=fetch_df(con, "app/commune_crte", code=code),
        programmes=fetch_df(con, "app/commune_programmes", code=code),
        mairie=_row(fetch_df(con, "app/commune_mairie", code=code)),
        vintage=load_vintage(con),
        generated_on=today or dt.date.today(),
        progression=for_commune(con, code),
    )
