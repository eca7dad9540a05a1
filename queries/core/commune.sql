-- Communes of the boundaries source, repaired by geodata.coverage (see staging/stg_commune).
CREATE TABLE commune AS
SELECT code, nom, departement, region, epci, population, population_annee, superficie_km2, geom
FROM stg_commune
ORDER BY code;
ALTER TABLE commune ADD PRIMARY KEY (code);
