-- Municipal arrondissements of Paris, Lyon and Marseille, and the commune of each.
CREATE TABLE arrondissement_municipal AS
SELECT code, nom, commune, geom
FROM stg_arrondissement_municipal
ORDER BY code;
ALTER TABLE arrondissement_municipal ADD PRIMARY KEY (code);
