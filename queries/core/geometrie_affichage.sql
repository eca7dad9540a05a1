-- Simplified, rounded geometry for the web map, one row per (niveau, code).
CREATE TABLE geometrie_affichage AS
SELECT CAST(niveau AS VARCHAR) AS niveau, CAST(code AS VARCHAR) AS code, ST_GeomFromWKB(wkb) AS geom
FROM raw_geometrie_affichage
ORDER BY niveau, code;
ALTER TABLE geometrie_affichage ADD PRIMARY KEY (niveau, code);
