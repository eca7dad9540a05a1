-- Display geometry of one level, with each territory's name, as GeoJSON geometries
-- (served as a static, cacheable file). $departement (or NULL) keeps the communes of
-- one département only.
WITH noms AS (
    SELECT 'commune' AS niveau, code, nom, departement FROM commune
    UNION ALL SELECT 'epci', code, nom, NULL FROM epci
    UNION ALL SELECT 'departement', code, nom, code FROM departement
    UNION ALL SELECT 'region', code, nom, NULL FROM region
)
SELECT g.code, n.nom, ST_AsGeoJSON(g.geom) AS geometry
FROM geometrie_affichage g
JOIN noms n ON n.niveau = g.niveau AND n.code = g.code
WHERE g.niveau = $niveau
  AND ($departement IS NULL OR n.departement = $departement)
ORDER BY g.code;
