-- Simplified, rounded geometry for the web map, one row per (niveau, code).
CREATE TABLE geometrie_affichage AS
SELECT niveau, code, geom
FROM stg_geometrie_affichage
ORDER BY niveau, code;
ALTER TABLE geometrie_affichage ADD PRIMARY KEY (niveau, code);
