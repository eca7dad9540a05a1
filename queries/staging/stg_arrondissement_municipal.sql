-- Municipal arrondissements (Paris, Lyon, Marseille) as read from the boundaries source.
CREATE OR REPLACE TEMP VIEW stg_arrondissement_municipal AS
SELECT
    CAST(code AS VARCHAR)    AS code,
    CAST(nom AS VARCHAR)     AS nom,
    CAST(commune AS VARCHAR) AS commune,
    CASE WHEN wkb IS NULL THEN NULL ELSE ST_GeomFromWKB(wkb) END AS geom
FROM raw_arrondissement_municipal;
