-- The four levels in one relation: every région, département, EPCI and commune with its
-- name, parents, population, area and outline. A view kept in the warehouse, read by the
-- dashboard, the exports, the checks and marts/priorite. An EPCI belongs to the région
-- holding most of its population (the only place this rule is written).
CREATE OR REPLACE VIEW territoire AS
WITH epci_region AS (
    SELECT epci, arg_max(region, coalesce(population, 0)) AS region
    FROM commune
    WHERE epci IS NOT NULL
    GROUP BY epci
)
SELECT 'region' AS niveau, code, nom, code AS region, NULL::VARCHAR AS departement, NULL::VARCHAR AS epci,
       population, superficie_km2, geom
FROM region
UNION ALL
SELECT 'departement', code, nom, region, code, NULL, population, superficie_km2, geom
FROM departement
UNION ALL
SELECT 'epci', e.code, e.nom, r.region, NULL, e.code, e.population, e.superficie_km2, e.geom
FROM epci e
LEFT JOIN epci_region r ON r.epci = e.code
UNION ALL
SELECT 'commune', code, nom, region, departement, epci, population, superficie_km2, geom
FROM commune;
