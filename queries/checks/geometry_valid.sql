-- Every stored geometry is a valid, non-empty (Multi)Polygon (a commune or an EPCI may lack
-- one: the source did not give it; a département or a région may not).
SELECT 'geometrie invalide ou vide' AS probleme, t.niveau || ' ' || t.code AS detail
FROM (
    SELECT niveau, code, geom FROM territoire WHERE geom IS NOT NULL OR niveau IN ('departement', 'region')
    UNION ALL SELECT 'affichage ' || niveau, code, geom FROM geometrie_affichage
) t
WHERE t.geom IS NULL
   OR ST_IsEmpty(t.geom)
   OR NOT ST_IsValid(t.geom)
   OR ST_GeometryType(t.geom)::VARCHAR NOT IN ('POLYGON', 'MULTIPOLYGON');
