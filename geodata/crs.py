"""Coordinate reference systems.

Storage and web display use WGS84. Areas and distances are computed in a projected
CRS chosen per *zone*: Lambert-93 for metropolitan France (Corsica included) and the
local CRS of each overseas département.
"""

from __future__ import annotations

__all__ = ["WGS84", "ZONE_CRS", "zone_of_departement", "crs_of_departement"]

WGS84 = "EPSG:4326"

#: Projected CRS of each zone. Metropolitan communes form one connected coverage.
ZONE_CRS: dict[str, str] = {
    "metropole": "EPSG:2154",  # RGF93 v1 / Lambert-93
    "971": "EPSG:5490",  # RGAF09 / UTM 20N (Guadeloupe)
    "972": "EPSG:5490",  # RGAF09 / UTM 20N (Martinique)
    "973": "EPSG:2972",  # RGFG95 / UTM 22N (Guyane)
    "974": "EPSG:2975",  # RGR92 / UTM 40S (La Réunion)
    "976": "EPSG:4471",  # RGM04 / UTM 38S (Mayotte)
    "975": "EPSG:4467",  # RGSPM06 / UTM 21N (Saint-Pierre-et-Miquelon, if a source has it)
}


def zone_of_departement(departement: str) -> str:
    """Zone key of a département: its own code overseas, ``metropole`` otherwise."""
    return departement if departement.startswith("97") else "metropole"


def crs_of_departement(departement: str) -> str:
    """Projected CRS in which to measure a département's territories."""
    return ZONE_CRS[zone_of_departement(departement)]
