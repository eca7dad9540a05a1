-- Départements of the boundaries source: population summed from their communes, geometry dissolved.
CREATE TABLE departement AS
SELECT
    d.code,
    d.nom,
    d.region,
    CAST((SELECT sum(c.population) FROM commune c WHERE c.departement = d.code) AS INTEGER) AS population,
    t.superficie_km2,
    t.geom
FROM stg_departement d
LEFT JOIN stg_territoire t ON t.niveau = 'departement' AND t.code = d.code
ORDER BY d.code;
ALTER TABLE departement ADD PRIMARY KEY (code);
