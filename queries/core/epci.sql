-- EPCI: names from the source, geometry dissolved from its communes, population summed.
CREATE TABLE epci AS
SELECT
    e.code,
    e.nom,
    e.nature,
    CAST((SELECT sum(c.population) FROM commune c WHERE c.epci = e.code) AS INTEGER) AS population,
    t.superficie_km2,
    t.geom
FROM stg_epci e
LEFT JOIN stg_territoire t ON t.niveau = 'epci' AND t.code = e.code
ORDER BY e.code;
ALTER TABLE epci ADD PRIMARY KEY (code);
