-- Number of territories per level and the population of France, for the home page.
SELECT
    (SELECT count(*) FROM commune)                        AS communes,
    (SELECT count(*) FROM commune WHERE geom IS NOT NULL) AS communes_avec_contour,
    (SELECT count(*) FROM epci)                           AS epci,
    (SELECT count(*) FROM departement)                    AS departements,
    (SELECT count(*) FROM region)                         AS regions,
    (SELECT sum(population) FROM commune)                 AS population,
    (SELECT round(sum(superficie_km2)) FROM commune)      AS superficie_km2;
