-- Every stored geometry is a valid, non-empty (Multi)Polygon.
SELECT 'geometrie invalide ou vide' AS probleme, t.niveau || ' ' || t.code AS detail
FROM (
    SELECT 'commune' AS niveau, code, geom FROM commune WHERE geom IS NOT NULL
    UNION ALL SELECT 'epci', code, geom FROM epci WHERE geom IS NOT NULL
    UNION ALL SELECT 'departement', code, geom FROM departement
    UNION ALL SELECT 'region', code, geom FROM region
    UNION ALL SELECT 'affichage ' || niveau, code, geom FROM geometrie_affichage
) t
WHERE t.geom IS NULL
   OR ST_IsEmpty(t.geom)
   OR NOT ST_IsValid(t.geom)
   OR ST_GeometryType(t.geom)::VARCHAR NOT IN ('POLYGON', 'MULTIPOLYGON');
