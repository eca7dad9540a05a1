-- Bounding box (WGS84) of every région, département and EPCI, to frame the map on them.
SELECT niveau, code,
       ST_XMin(geom) AS ouest, ST_YMin(geom) AS sud, ST_XMax(geom) AS est, ST_YMax(geom) AS nord
FROM geometrie_affichage
WHERE niveau IN ('region', 'departement', 'epci')
ORDER BY niveau, code;
