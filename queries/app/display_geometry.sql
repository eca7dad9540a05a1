-- Display geometry of one level, with each territory's name, as GeoJSON geometries
-- (served as a static, cacheable file). $departement (or NULL) keeps the communes of
-- one département only, $epci (or NULL) the communes of one EPCI only, wherever their
-- département.
SELECT g.code, t.nom, ST_AsGeoJSON(g.geom) AS geometry
FROM geometrie_affichage g
JOIN territoire t ON t.niveau = g.niveau AND t.code = g.code
WHERE g.niveau = $niveau
  AND ($departement IS NULL OR t.departement = $departement)
  AND ($epci IS NULL OR t.epci = $epci)
ORDER BY g.code;
