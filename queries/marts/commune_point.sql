-- A point inside each commune (WGS84) and its coordinates in the projected CRS of its
-- zone (Lambert-93 in metropolitan France, the local CRS overseas), in metres.
-- zone_crs(zone, crs) is registered by etl.scores.marts from geodata.crs.ZONE_CRS.
CREATE OR REPLACE TABLE commune_point AS
WITH p AS (
    SELECT code,
           CASE WHEN departement LIKE '97%' THEN departement ELSE 'metropole' END AS zone,
           ST_PointOnSurface(geom) AS point
    FROM commune
    WHERE geom IS NOT NULL
)
SELECT p.code, p.zone, p.point AS geom,
       ST_X(ST_Transform(p.point, 'EPSG:4326', z.crs, always_xy := true)) AS x,
       ST_Y(ST_Transform(p.point, 'EPSG:4326', z.crs, always_xy := true)) AS y
FROM p JOIN zone_crs z ON z.zone = p.zone
ORDER BY p.code;
