-- Communes as read from the boundaries source, cleaned by geodata.coverage.
CREATE OR REPLACE TEMP VIEW stg_commune AS
SELECT
    CAST(code AS VARCHAR)          AS code,
    CAST(nom AS VARCHAR)           AS nom,
    CAST(departement AS VARCHAR)   AS departement,
    CAST(region AS VARCHAR)        AS region,
    CAST(epci AS VARCHAR)          AS epci,
    CAST(population AS INTEGER)    AS population,
    CAST(population_annee AS INTEGER) AS population_annee,
    CAST(superficie_km2 AS DOUBLE) AS superficie_km2,
    CASE WHEN wkb IS NULL THEN NULL ELSE ST_GeomFromWKB(wkb) END AS geom
FROM raw_commune;
