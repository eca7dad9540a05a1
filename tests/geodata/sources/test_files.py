"""Tests of geodata.sources.files: ADMIN EXPRESS and single communes files.

Every fixture is built here, in ``tmp_path``, from small squares: no downloaded data.
Communes are 1 km squares in Lambert-93 (EPSG:2154) placed from the projection's
origin (700 000, 6 600 000), which is exactly 3° E, 46.5° N in WGS84.
"""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import MultiPolygon, Point, Polygon, box

from geodata.model import Boundaries, BoundariesError
from geodata.sources.files import (
    FILE_SOURCE_NAME,
    IGN_LICENCE,
    IGN_SOURCE_NAME,
    Reject,
    _epci_nature,
    _first_siren,
    _historique_nature,
    read_boundaries_path,
    read_boundaries_path_with_rejects,
)

LAMBERT93 = "EPSG:2154"
ORIGIN_X, ORIGIN_Y = 700_000.0, 6_600_000.0
ORIGIN_LONLAT = (3.0, 46.5)

# code, nom, département, région, SIREN_EPCI, population, square index
COMMUNES = [
    ("13055", "Marseille", "13", "93", "200054807/200035087", 873076, 0),
    ("13001", "Aix-en-Provence", "13", "93", "200054807", 147478, 1),
    ("13004", "Arles", "13", "93", "241300417", 50454, 2),
    ("2A004", "Ajaccio", "2A", "94", "242010056", 73615, 3),
    ("2A041", "Bocognano", "2A", "94", "NC", 419, 4),
]
EPCI = [
    ("200054807", "Métropole d'Aix-Marseille-Provence", "Métropole", [0, 1]),
    ("241300417", "CA Arles-Crau-Camargue-Montagnette", "CA", [2]),
    ("242010056", "CA du Pays Ajaccien", "Communauté d'agglomération", [3]),
]
DEPARTEMENTS = [("13", "Bouches-du-Rhône", "93", [0, 1, 2]), ("2A", "Corse-du-Sud", "94", [3, 4])]
REGIONS = [("93", "Provence-Alpes-Côte d'Azur", [0, 1, 2]), ("94", "Corse", [3, 4])]
REQUIRED = ("COMMUNE", "EPCI", "DEPARTEMENT", "REGION")
COMMUNE_COLUMNS = ["code", "nom", "departement", "region", "epci", "population", "geometry"]


# --------------------------------------------------------------------------- fixture builders


def square(index: int, size: float = 1000.0) -> Polygon:
    """Lambert-93 square number ``index``, the first one with its corner at the origin."""
    x = ORIGIN_X + index * size
    return box(x, ORIGIN_Y, x + size, ORIGIN_Y + size)


def union_of(indices: list[int]) -> MultiPolygon:
    return MultiPolygon([square(i) for i in indices])


def ign_layers() -> dict[str, gpd.GeoDataFrame]:
    """ADMIN-EXPRESS-like layers, in Lambert-93, with ADMIN EXPRESS column names."""
    commune = gpd.GeoDataFrame(
        {
            "ID": [f"COMMUNE_{i:04d}" for i in range(len(COMMUNES))],
            "NOM": [c[1] for c in COMMUNES],
            "NOM_M": [c[1].upper() for c in COMMUNES],
            "INSEE_COM": [c[0] for c in COMMUNES],
            "INSEE_DEP": [c[2] for c in COMMUNES],
            "INSEE_REG": [c[3] for c in COMMUNES],
            "SIREN_EPCI": [c[4] for c in COMMUNES],
            "POPULATION": [c[5] for c in COMMUNES],
        },
        geometry=[square(c[6]) for c in COMMUNES],
        crs=LAMBERT93,
    )
    epci = gpd.GeoDataFrame(
        {"CODE_SIREN": [e[0] for e in EPCI], "NOM": [e[1] for e in EPCI], "NATURE": [e[2] for e in EPCI]},
        geometry=[union_of(e[3]) for e in EPCI],
        crs=LAMBERT93,
    )
    departement = gpd.GeoDataFrame(
        {
            "INSEE_DEP": [d[0] for d in DEPARTEMENTS],
            "NOM": [d[1] for d in DEPARTEMENTS],
            "INSEE_REG": [d[2] for d in DEPARTEMENTS],
        },
        geometry=[union_of(d[3]) for d in DEPARTEMENTS],
        crs=LAMBERT93,
    )
    region = gpd.GeoDataFrame(
        {"INSEE_REG": [r[0] for r in REGIONS], "NOM": [r[1] for r in REGIONS]},
        geometry=[union_of(r[2]) for r in REGIONS],
        crs=LAMBERT93,
    )
    # Two arrondissements of Marseille: halves of its square.
    arrondissement = gpd.GeoDataFrame(
        {
            "INSEE_ARM": ["13201", "13202"],
            "NOM": ["Marseille 1er Arrondissement", "Marseille 2e Arrondissement"],
            "INSEE_COM": ["13055", "13055"],
        },
        geometry=[
            box(ORIGIN_X, ORIGIN_Y, ORIGIN_X + 500, ORIGIN_Y + 1000),
            box(ORIGIN_X + 500, ORIGIN_Y, ORIGIN_X + 1000, ORIGIN_Y + 1000),
        ],
        crs=LAMBERT93,
    )
    # A former commune inside Arles (déléguée) and one inside Bocognano (associée).
    cad = gpd.GeoDataFrame(
        {
            "INSEE_CAD": ["13099", "2A350"],
            "NOM": ["Saint-Ancien", "Vieux-Village"],
            "INSEE_COM": ["13004", "2A041"],
            "NATURE": ["COMD", "COMA"],
        },
        geometry=[
            box(ORIGIN_X + 2000, ORIGIN_Y, ORIGIN_X + 2500, ORIGIN_Y + 500),
            box(ORIGIN_X + 4000, ORIGIN_Y, ORIGIN_X + 4500, ORIGIN_Y + 500),
        ],
        crs=LAMBERT93,
    )
    return {
        "COMMUNE": commune,
        "EPCI": epci,
        "DEPARTEMENT": departement,
        "REGION": region,
        "ARRONDISSEMENT_MUNICIPAL": arrondissement,
        "COMMUNE_ASSOCIEE_OU_DELEGUEE": cad,
    }


def write_gpkg(path: Path, layers: dict[str, gpd.GeoDataFrame]) -> Path:
    for name, frame in layers.items():
        frame.to_file(path, layer=name, driver="GPKG")
    return path


def write_shapefile_folder(
    folder: Path, layers: dict[str, gpd.GeoDataFrame], lower: frozenset[str] = frozenset()
) -> Path:
    """Write each layer as ``<folder>/1_DONNEES_LIVRAISON/…/<NAME>.shp``, lower case if in ``lower``."""
    target = folder / "1_DONNEES_LIVRAISON" / "ADECOG_3-2_SHP_LAMB93_FXX"
    target.mkdir(parents=True)
    for name, frame in layers.items():
        stem = name.lower() if name in lower else name
        frame.to_file(target / f"{stem}.shp", driver="ESRI Shapefile", encoding="UTF-8")
    return folder


def single_communes_frame() -> gpd.GeoDataFrame:
    """Communes as a spreadsheet-born file would give them: integer codes, lower-case Corsica."""
    return gpd.GeoDataFrame(
        {
            "insee_com": [1001, 1004, "2a004", 29019],
            "nom": ["L'Abergement-Clémenciat", "Ambérieu-en-Bugey", "Ajaccio", "Brest"],
            "insee_dep": [1, 1, "2a", 29],
            "insee_reg": [84, 84, 94, 53],
            "siren_epci": ["200069193", "200042497", None, "242900314"],
            "population": [859, 14514, 73615, None],
            "nom_dep": ["Ain", "Ain", "Corse-du-Sud", "Finistère"],
            "nom_epci": ["CC de la Dombes", "CC Plaine de l'Ain", None, "Brest Métropole"],
        },
        geometry=[square(i) for i in range(4)],
        crs=LAMBERT93,
    ).to_crs("EPSG:4326")


def other_layer() -> gpd.GeoDataFrame:
    """A layer that is not communes (for GeoPackages holding several layers)."""
    return gpd.GeoDataFrame({"x": [1]}, geometry=[square(0)], crs=LAMBERT93)


def has_vertex(geometry, point: tuple[float, float], tol: float = 1e-7) -> bool:
    polygons = geometry.geoms if hasattr(geometry, "geoms") else [geometry]
    return any(
        abs(x - point[0]) < tol and abs(y - point[1]) < tol
        for poly in polygons
        for x, y in poly.exterior.coords
    )


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --------------------------------------------------------------------------- checks shared by IGN layouts


def assert_ign_boundaries(b: Boundaries) -> None:
    communes = b.communes.set_index("code")
    assert list(b.communes.columns) == COMMUNE_COLUMNS
    assert sorted(communes.index) == sorted(c[0] for c in COMMUNES)
    assert b.communes.crs.to_epsg() == 4326
    assert communes.loc["2A004", "departement"] == "2A"
    assert communes.loc["2A004", "region"] == "94"
    assert communes.loc["13055", "epci"] == "200054807"  # first of "200054807/200035087"
    assert communes.loc["2A041", "epci"] is None  # NC: no EPCI
    assert str(b.communes["population"].dtype) == "Int64"
    assert communes.loc["13055", "population"] == 873076
    assert communes.loc["13055", "nom"] == "Marseille"
    # Lambert-93 origin is 3° E, 46.5° N.
    assert has_vertex(communes.loc["13055", "geometry"], ORIGIN_LONLAT)
    assert 2.99 < communes.loc["2A041", "geometry"].centroid.x < 3.1

    epci = b.epci.set_index("code")
    assert b.epci.crs.to_epsg() == 4326
    assert list(b.epci.columns) == ["code", "nom", "nature", "geometry"]
    assert epci.loc["200054807", "nature"] == "ME"
    assert epci.loc["241300417", "nature"] == "CA"
    assert epci.loc["242010056", "nature"] == "CA"
    assert epci.geometry.notna().all()
    assert has_vertex(epci.loc["200054807", "geometry"], ORIGIN_LONLAT)

    assert list(b.departements.columns) == ["code", "nom", "region"]
    assert b.departements.set_index("code").to_dict("index") == {
        "13": {"nom": "Bouches-du-Rhône", "region": "93"},
        "2A": {"nom": "Corse-du-Sud", "region": "94"},
    }
    assert b.regions.set_index("code")["nom"].to_dict() == {
        "93": "Provence-Alpes-Côte d'Azur",
        "94": "Corse",
    }

    assert b.arrondissements.crs.to_epsg() == 4326
    assert sorted(b.arrondissements["code"]) == ["13201", "13202"]
    assert set(b.arrondissements["commune"]) == {"13055"}
    assert b.arrondissements.geometry.notna().all()

    assert list(b.historique.columns) == ["ancien_code", "nom", "code_actuel", "type"]
    assert b.historique.set_index("ancien_code").to_dict("index") == {
        "13099": {"nom": "Saint-Ancien", "code_actuel": "13004", "type": "COMD"},
        "2A350": {"nom": "Vieux-Village", "code_actuel": "2A041", "type": "COMA"},
    }
    assert sorted(b.extra_geometries["ancien_code"]) == ["13099", "2A350"]
    assert b.extra_geometries.crs.to_epsg() == 4326
    assert b.extra_geometries.geometry.notna().all()

    assert b.source.name == IGN_SOURCE_NAME
    assert b.source.licence == IGN_LICENCE
    assert len(b.source.sha256) == 64


# --------------------------------------------------------------------------- ADMIN EXPRESS


def test_admin_express_geopackage(tmp_path):
    gpkg = write_gpkg(tmp_path / "ADMIN-EXPRESS-COG_2024.gpkg", ign_layers())
    b, rejects = read_boundaries_path_with_rejects(gpkg)
    assert rejects == []
    assert_ign_boundaries(b)
    assert b.source.version == "ADMIN-EXPRESS-COG_2024.gpkg"
    assert b.source.path == str(gpkg)
    assert b.source.sha256 == sha256(gpkg)


def test_admin_express_geopackage_lower_case_layers_without_optional_ones(tmp_path):
    layers = {k.lower(): v for k, v in ign_layers().items() if k in REQUIRED}
    b = read_boundaries_path(write_gpkg(tmp_path / "adminexpress.gpkg", layers))
    assert sorted(b.communes["code"]) == sorted(c[0] for c in COMMUNES)
    assert b.historique.empty
    assert list(b.historique.columns) == ["ancien_code", "nom", "code_actuel", "type"]
    assert b.arrondissements.empty
    assert list(b.arrondissements.columns) == ["code", "nom", "commune", "geometry"]
    assert b.extra_geometries.empty


def test_admin_express_shapefile_folder(tmp_path):
    folder = write_shapefile_folder(tmp_path / "ADMIN-EXPRESS-COG", ign_layers(), lower={"EPCI", "REGION"})
    b, rejects = read_boundaries_path_with_rejects(folder)
    assert rejects == []
    assert_ign_boundaries(b)
    assert b.source.version == "ADMIN-EXPRESS-COG"
    assert b.source.path == str(folder)
    # The checksum covers the member files: stable, and changes when one of them does.
    assert read_boundaries_path(folder).source.sha256 == b.source.sha256
    (next(folder.rglob("REGION.cpg"), None) or next(folder.rglob("region.cpg"))).write_text("UTF-8\n")
    assert read_boundaries_path(folder).source.sha256 != b.source.sha256


def test_admin_express_folder_with_one_territory_per_crs(tmp_path):
    """The Lambert-93 edition has one folder per territory, each in its own CRS."""
    layers = ign_layers()
    metro = {k: v.iloc[:3] if k == "COMMUNE" else v for k, v in layers.items() if k in REQUIRED}
    other = {k: v.iloc[3:].to_crs("EPSG:3857") for k, v in layers.items() if k == "COMMUNE"}
    write_shapefile_folder(tmp_path / "src" / "FXX", metro)
    write_shapefile_folder(tmp_path / "src" / "COR", other)
    b = read_boundaries_path(tmp_path / "src")
    communes = b.communes.set_index("code")
    assert sorted(communes.index) == sorted(c[0] for c in COMMUNES)
    corner = gpd.GeoSeries([Point(ORIGIN_X + 3000, ORIGIN_Y)], crs=LAMBERT93).to_crs("EPSG:4326").iloc[0]
    assert has_vertex(communes.loc["2A004", "geometry"], (corner.x, corner.y))
    assert has_vertex(communes.loc["13055", "geometry"], ORIGIN_LONLAT)


def test_admin_express_folder_holding_a_geopackage(tmp_path):
    (tmp_path / "livraison").mkdir()
    write_gpkg(tmp_path / "livraison" / "ADE.gpkg", ign_layers())
    b = read_boundaries_path(tmp_path)
    assert b.source.name == IGN_SOURCE_NAME
    assert b.source.version == "ADE.gpkg"


def test_admin_express_column_names_are_case_insensitive(tmp_path):
    layers = ign_layers()
    layers["COMMUNE"] = layers["COMMUNE"].rename(columns={"INSEE_COM": "insee_com", "NOM": "Nom"})
    b = read_boundaries_path(write_gpkg(tmp_path / "ade.gpkg", layers))
    assert "13055" in set(b.communes["code"])
    assert "Marseille" in set(b.communes["nom"])


def test_epci_siren_column_aliases_and_nature_labels(tmp_path):
    layers = ign_layers()
    layers["EPCI"] = layers["EPCI"].rename(columns={"CODE_SIREN": "SIREN_EPCI"})
    b = read_boundaries_path(write_gpkg(tmp_path / "ade.gpkg", layers))
    natures = b.epci.set_index("code")["nature"].to_dict()
    assert natures == {"200054807": "ME", "241300417": "CA", "242010056": "CA"}


# --------------------------------------------------------------------------- single communes file


def assert_single_boundaries(b: Boundaries) -> None:
    communes = b.communes.set_index("code")
    assert sorted(communes.index) == ["01001", "01004", "29019", "2A004"]
    assert all(isinstance(code, str) for code in b.communes["code"])
    assert communes.loc["01001", "departement"] == "01"
    assert communes.loc["2A004", "departement"] == "2A"
    assert communes.loc["01001", "region"] == "84"
    assert communes.loc["2A004", "epci"] is None
    assert communes.loc["01001", "epci"] == "200069193"
    assert str(b.communes["population"].dtype) == "Int64"
    assert communes.loc["01004", "population"] == 14514
    assert pd.isna(communes.loc["29019", "population"])
    assert b.communes.crs.to_epsg() == 4326
    assert has_vertex(communes.loc["01001", "geometry"], ORIGIN_LONLAT)

    assert b.epci.geometry.isna().all()
    assert b.epci.crs.to_epsg() == 4326
    assert b.epci.set_index("code")["nom"].to_dict() == {
        "200069193": "CC de la Dombes",
        "200042497": "CC Plaine de l'Ain",
        "242900314": "Brest Métropole",
    }
    assert b.departements.set_index("code").to_dict("index") == {
        "01": {"nom": "Ain", "region": "84"},
        "29": {"nom": "Finistère", "region": "53"},
        "2A": {"nom": "Corse-du-Sud", "region": "94"},
    }
    # No NOM_REG column: French fallback names.
    assert b.regions.set_index("code")["nom"].to_dict() == {
        "53": "Région 53",
        "84": "Région 84",
        "94": "Région 94",
    }
    assert b.historique.empty and b.arrondissements.empty
    assert b.source.name == FILE_SOURCE_NAME
    assert b.source.licence == ""


def test_single_geojson_restores_codes(tmp_path):
    path = tmp_path / "communes.geojson"
    single_communes_frame().to_file(path, driver="GeoJSON")
    b, rejects = read_boundaries_path_with_rejects(path)
    assert rejects == []
    assert_single_boundaries(b)
    assert b.source.version == "communes.geojson"
    assert b.source.sha256 == sha256(path)


def test_single_geopackage_with_one_layer_of_any_name(tmp_path):
    path = tmp_path / "mes_communes.gpkg"
    single_communes_frame().to_crs(LAMBERT93).to_file(path, layer="communes_2024", driver="GPKG")
    assert_single_boundaries(read_boundaries_path(path))


def test_single_geopackage_picks_the_commune_layer(tmp_path):
    path = tmp_path / "atlas.gpkg"
    single_communes_frame().to_file(path, layer="commune", driver="GPKG")
    other_layer().to_file(path, layer="routes", driver="GPKG")
    assert_single_boundaries(read_boundaries_path(path))


def test_single_shapefile_without_department_column(tmp_path):
    path = tmp_path / "communes.shp"
    single_communes_frame().drop(columns=["insee_dep"]).to_crs(LAMBERT93).to_file(path, encoding="UTF-8")
    b = read_boundaries_path(path)
    communes = b.communes.set_index("code")
    assert communes.loc["2A004", "departement"] == "2A"  # derived from the commune code
    assert communes.loc["01001", "departement"] == "01"
    assert has_vertex(communes.loc["01001", "geometry"], ORIGIN_LONLAT)
    # A Shapefile's checksum covers its .shp, .shx, .dbf, .prj… files.
    assert b.source.sha256 != sha256(path)


def test_single_geoparquet(tmp_path):
    path = tmp_path / "communes.parquet"
    if importlib.util.find_spec("pyarrow") is not None:
        # Parquet columns have one type: codes as text that lost their zeros ("1001", "2a").
        frame = single_communes_frame().to_crs(LAMBERT93)
        frame[["insee_com", "insee_dep"]] = frame[["insee_com", "insee_dep"]].astype(str)
        frame.to_parquet(path)
        assert_single_boundaries(read_boundaries_path(path))
    else:
        # Without pyarrow GeoParquet cannot be read: the message must say so, in French.
        path.write_bytes(b"PAR1")
        with pytest.raises(BoundariesError, match="pyarrow") as err:
            read_boundaries_path(path)
        assert "communes.parquet" in str(err.value)


def test_null_and_empty_geometries_are_kept_as_none(tmp_path):
    frame = single_communes_frame()
    frame.loc[1, "geometry"] = None
    frame.loc[2, "geometry"] = Polygon()
    path = tmp_path / "communes.gpkg"
    frame.to_file(path, layer="commune", driver="GPKG")
    communes = read_boundaries_path(path).communes.set_index("code")
    assert len(communes) == 4
    assert communes.loc["01004", "geometry"] is None
    assert communes.loc["2A004", "geometry"] is None
    assert communes.loc["01001", "geometry"] is not None


# --------------------------------------------------------------------------- rejects


def test_bad_codes_become_rejects_with_line_and_column(tmp_path):
    frame = single_communes_frame()
    frame["insee_com"] = frame["insee_com"].astype(object)
    frame.loc[2, "insee_com"] = "ABCDE"  # feature 3
    frame.loc[3, "siren_epci"] = "1234"  # feature 4: not a SIREN
    path = tmp_path / "communes.geojson"
    frame.to_file(path, driver="GeoJSON")

    b, rejects = read_boundaries_path_with_rejects(path)
    assert sorted(b.communes["code"]) == ["01001", "01004"]
    assert rejects == [
        Reject(
            file=str(path),
            line=3,
            column="INSEE_COM",
            value="ABCDE",
            reason="code commune invalide « ABCDE » : 5 caractères attendus (ex. 01001, 2A004, 97411)",
        ),
        Reject(
            file=str(path),
            line=4,
            column="SIREN_EPCI",
            value="1234",
            reason="SIREN d'EPCI invalide « 1234 » : 9 chiffres attendus",
        ),
    ]
    # The rejected rows do not leak into the levels built from the communes.
    assert set(b.departements["code"]) == {"01"}
    # read_boundaries_path returns the same boundaries, without the list.
    assert sorted(read_boundaries_path(path).communes["code"]) == ["01001", "01004"]


def test_duplicate_and_empty_codes_are_rejected(tmp_path):
    layers = ign_layers()
    commune = layers["COMMUNE"].copy()
    commune.loc[1, "INSEE_COM"] = "13055"  # duplicate of feature 1
    commune.loc[4, "INSEE_COM"] = None
    layers["COMMUNE"] = commune
    region = layers["REGION"].copy()
    region.loc[1, "INSEE_REG"] = "Corse"
    layers["REGION"] = region
    layers["COMMUNE_ASSOCIEE_OU_DELEGUEE"].loc[1, "NATURE"] = "XXX"
    gpkg = write_gpkg(tmp_path / "ade.gpkg", layers)

    b, rejects = read_boundaries_path_with_rejects(gpkg)
    found = {(r.layer, r.line, r.column): r for r in rejects}
    assert set(found) == {
        ("COMMUNE", 2, "INSEE_COM"),
        ("COMMUNE", 5, "INSEE_COM"),
        ("REGION", 2, "INSEE_REG"),
        ("COMMUNE_ASSOCIEE_OU_DELEGUEE", 2, "NATURE"),
    }
    assert found[("COMMUNE", 2, "INSEE_COM")].reason == "code 13055 en double (déjà présent ligne 1)"
    assert found[("COMMUNE", 5, "INSEE_COM")].reason == "code commune absent"
    assert found[("COMMUNE", 5, "INSEE_COM")].value == ""
    assert "COMD ou COMA" in found[("COMMUNE_ASSOCIEE_OU_DELEGUEE", 2, "NATURE")].reason
    assert all(r.file == str(gpkg) for r in rejects)
    assert sorted(b.communes["code"]) == ["13004", "13055", "2A004"]
    assert list(b.regions["code"]) == ["93"]
    assert list(b.historique["ancien_code"]) == ["13099"]


# --------------------------------------------------------------------------- errors


def error_of(path) -> str:
    with pytest.raises(BoundariesError) as err:
        read_boundaries_path(path)
    return str(err.value)


def test_missing_path(tmp_path):
    message = error_of(tmp_path / "absent.gpkg")
    assert "absent.gpkg" in message and "introuvable" in message


def test_corrupt_geopackage(tmp_path):
    path = tmp_path / "casse.gpkg"
    path.write_bytes(b"\x00garbage, not a GeoPackage\xff" * 50)
    message = error_of(path)
    assert "casse.gpkg" in message and "illisible ou corrompu" in message


def test_corrupt_geojson(tmp_path):
    path = tmp_path / "communes.geojson"
    path.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    message = error_of(path)
    assert "communes.geojson" in message and "illisible" in message


def test_missing_layer_in_geopackage(tmp_path):
    layers = {k: v for k, v in ign_layers().items() if k != "DEPARTEMENT"}
    message = error_of(write_gpkg(tmp_path / "ade.gpkg", layers))
    assert "ade.gpkg" in message and "DEPARTEMENT" in message and "introuvable" in message


def test_missing_shapefile_in_folder(tmp_path):
    layers = {k: v for k, v in ign_layers().items() if k != "EPCI"}
    folder = write_shapefile_folder(tmp_path / "ade", layers)
    message = error_of(folder)
    assert str(folder) in message and "EPCI.shp" in message


def test_folder_without_admin_express_files(tmp_path):
    (tmp_path / "vide").mkdir()
    (tmp_path / "vide" / "notes.txt").write_text("rien")
    message = error_of(tmp_path / "vide")
    assert "vide" in message and "COMMUNE.shp" in message


def test_missing_column_in_admin_express_layer(tmp_path):
    layers = ign_layers()
    layers["COMMUNE"] = layers["COMMUNE"].drop(columns=["INSEE_REG"])
    message = error_of(write_gpkg(tmp_path / "ade.gpkg", layers))
    assert "ade.gpkg" in message and "INSEE_REG" in message and "COMMUNE" in message


def test_missing_column_in_single_file(tmp_path):
    path = tmp_path / "communes.geojson"
    single_communes_frame().drop(columns=["insee_com"]).to_file(path, driver="GeoJSON")
    message = error_of(path)
    assert "communes.geojson" in message and "INSEE_COM" in message and "obligatoire" in message


def test_missing_crs(tmp_path):
    path = tmp_path / "sans_crs.shp"
    with pytest.warns(UserWarning, match="crs"):
        single_communes_frame().set_crs(None, allow_override=True).to_file(path)
    assert not path.with_suffix(".prj").exists()
    message = error_of(path)
    assert "sans_crs.shp" in message and "CRS" in message


def test_geopackage_without_commune_layer(tmp_path):
    path = tmp_path / "divers.gpkg"
    for name in ("routes", "rivieres"):
        other_layer().to_file(path, layer=name, driver="GPKG")
    message = error_of(path)
    assert "divers.gpkg" in message and "COMMUNE" in message and "routes" in message


def test_file_without_geometry(tmp_path):
    path = tmp_path / "communes.csv"
    pd.DataFrame({"INSEE_COM": ["01001"], "NOM": ["A"], "INSEE_REG": ["84"]}).to_csv(path, index=False)
    message = error_of(path)
    assert "communes.csv" in message and "géométrie" in message


# --------------------------------------------------------------------------- pure helpers


def test_first_siren():
    assert _first_siren("200054781/200057966") == ("200054781", 2)
    assert _first_siren(" 200054781 ") == ("200054781", 1)
    assert _first_siren("NC") == (None, 0)
    assert _first_siren("ZZZZZZZZZ") == (None, 0)
    assert _first_siren(None) == (None, 0)
    assert _first_siren(float("nan")) == (None, 0)
    assert _first_siren(200054781.0) == ("200054781", 1)


def test_natures():
    assert _epci_nature("Communauté de communes") == "CC"
    assert _epci_nature("communaute d’agglomeration") == "CA"
    assert _epci_nature("Métropole de Lyon") == "MET69"
    assert _epci_nature("cu") == "CU"
    assert _epci_nature("Pôle métropolitain") == "Pôle métropolitain"
    assert _epci_nature("") is None
    assert _historique_nature("Commune déléguée") == "COMD"
    assert _historique_nature("coma") == "COMA"
    assert _historique_nature("COM") is None
