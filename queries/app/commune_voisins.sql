-- One commune and the communes that touch it, with their display geometry (GeoJSON),
-- bounding box and maturity class, for the small map of the commune card.
WITH ici AS (SELECT code, geom FROM commune WHERE code = $code AND geom IS NOT NULL)
SELECT c.code, c.nom, c.code = ici.code AS est_la_commune, i.maturite_classe,
       ST_AsGeoJSON(g.geom) AS geometry,
       ST_XMin(g.geom) AS ouest, ST_YMin(g.geom) AS sud, ST_XMax(g.geom) AS est, ST_YMax(g.geom) AS nord
FROM ici
JOIN commune c ON c.code = ici.code
    OR (ST_Intersects(ST_Envelope(c.geom), ST_Envelope(ici.geom)) AND ST_Intersects(c.geom, ici.geom))
JOIN geometrie_affichage g ON g.niveau = 'commune' AND g.code = c.code
LEFT JOIN indicateur_territoire i ON i.niveau = 'commune' AND i.code = c.code
ORDER BY est_la_commune, c.code;
