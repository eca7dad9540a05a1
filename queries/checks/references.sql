-- Every commune points to an existing département, région and (if any) EPCI.
SELECT 'commune sans departement connu' AS probleme, c.code AS detail
FROM commune c LEFT JOIN departement d ON d.code = c.departement WHERE d.code IS NULL
UNION ALL
SELECT 'commune sans region connue', c.code
FROM commune c LEFT JOIN region r ON r.code = c.region WHERE r.code IS NULL
UNION ALL
SELECT 'commune rattachee a un EPCI inconnu', c.code
FROM commune c LEFT JOIN epci e ON e.code = c.epci WHERE c.epci IS NOT NULL AND e.code IS NULL
UNION ALL
SELECT 'departement dans une region inconnue', d.code
FROM departement d LEFT JOIN region r ON r.code = d.region WHERE r.code IS NULL
UNION ALL
SELECT 'commune historique vers une commune inconnue', h.ancien_code
FROM commune_historique h LEFT JOIN commune c ON c.code = h.code_actuel WHERE c.code IS NULL
UNION ALL
SELECT 'code postal vers une commune inconnue', p.code_postal || ' ' || p.commune
FROM code_postal p LEFT JOIN commune c ON c.code = p.commune WHERE c.code IS NULL;
