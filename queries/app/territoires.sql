-- Every territory of every level with its name, parents and population (the dashboard
-- keeps this in memory: names, code checks, search, breadcrumbs).
SELECT 'region' AS niveau, code, nom, code AS region, NULL AS departement, NULL AS epci, population, superficie_km2
FROM region
UNION ALL
SELECT 'departement', code, nom, region, code, NULL, population, superficie_km2 FROM departement
UNION ALL
SELECT 'epci', e.code, e.nom,
       (SELECT arg_max(c.region, coalesce(c.population, 0)) FROM commune c WHERE c.epci = e.code),
       NULL, e.code, e.population, e.superficie_km2
FROM epci e
UNION ALL
SELECT 'commune', code, nom, region, departement, epci, population, superficie_km2 FROM commune
ORDER BY niveau, code;
