-- Simplified display geometry computed by etl.boundaries, one row per (niveau, code).
CREATE OR REPLACE TEMP VIEW stg_geometrie_affichage AS
SELECT
    CAST(niveau AS VARCHAR) AS niveau,
    CAST(code AS VARCHAR)   AS code,
    ST_GeomFromWKB(wkb)     AS geom
FROM raw_geometrie_affichage;
