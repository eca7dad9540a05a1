CREATE TABLE arrondissement_municipal AS
SELECT
    CAST(code AS VARCHAR)    AS code,
    CAST(nom AS VARCHAR)     AS nom,
    CAST(commune AS VARCHAR) AS commune,
    CASE WHEN wkb IS NULL THEN NULL ELSE ST_GeomFromWKB(wkb) END AS geom
FROM raw_arrondissement_municipal
ORDER BY code;
ALTER TABLE arrondissement_municipal ADD PRIMARY KEY (code);
