-- Minimal sizes of a publishable warehouse (parameters given by the ETL run).
SELECT 'trop peu de communes avec geometrie' AS probleme, count(*)::VARCHAR AS detail
FROM commune WHERE geom IS NOT NULL HAVING count(*) < $min_communes
UNION ALL
SELECT 'departement sans geometrie', code FROM departement WHERE geom IS NULL
UNION ALL
SELECT 'region sans geometrie', code FROM region WHERE geom IS NULL;
