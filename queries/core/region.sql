-- Régions of the boundaries source: population summed from their communes, geometry dissolved.
CREATE TABLE region AS
SELECT
    r.code,
    r.nom,
    CAST((SELECT sum(c.population) FROM commune c WHERE c.region = r.code) AS INTEGER) AS population,
    t.superficie_km2,
    t.geom
FROM stg_region r
LEFT JOIN stg_territoire t ON t.niveau = 'region' AND t.code = r.code
ORDER BY r.code;
ALTER TABLE region ADD PRIMARY KEY (code);
