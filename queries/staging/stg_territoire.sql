-- Dissolved EPCI, départements and régions (geometry and area), one row per territory.
CREATE OR REPLACE TEMP VIEW stg_territoire AS
SELECT
    CAST(niveau AS VARCHAR)        AS niveau,
    CAST(code AS VARCHAR)          AS code,
    CAST(superficie_km2 AS DOUBLE) AS superficie_km2,
    ST_GeomFromWKB(wkb)            AS geom
FROM raw_territoire;
