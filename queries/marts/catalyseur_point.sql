-- Catalyseurs in the projected CRS of the zone of their commune (metres).
CREATE OR REPLACE TABLE catalyseur_point AS
SELECT k.id, cp.zone,
       ST_X(ST_Transform(k.geom, 'EPSG:4326', z.crs, always_xy := true)) AS x,
       ST_Y(ST_Transform(k.geom, 'EPSG:4326', z.crs, always_xy := true)) AS y
FROM catalyseur k
JOIN commune_point cp ON cp.code = k.commune
JOIN zone_crs z ON z.zone = cp.zone
WHERE k.geom IS NOT NULL
ORDER BY k.id;
