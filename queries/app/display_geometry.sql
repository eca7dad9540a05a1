-- Display geometry of one level, as GeoJSON geometries (served as a static, cacheable file).
SELECT code, ST_AsGeoJSON(geom) AS geometry
FROM geometrie_affichage
WHERE niveau = $niveau
ORDER BY code;
