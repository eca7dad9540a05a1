-- Every territory of every level with its name, parents and population (the dashboard
-- keeps this in memory: names, code checks, search, breadcrumbs).
SELECT niveau, code, nom, region, departement, epci, population, superficie_km2
FROM territoire
ORDER BY niveau, code;
