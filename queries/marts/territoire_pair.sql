-- « Territoires qui me ressemblent »: the nearest peers of every commune and EPCI (same
-- level), rang 1 the nearest, with the distance between their standardised profiles.
-- Computed by etl.scores.pairs from etl/territoire_profil and registered as pair_calcule.
CREATE OR REPLACE TABLE territoire_pair AS
SELECT CAST(niveau AS VARCHAR) AS niveau, CAST(code AS VARCHAR) AS code, CAST(pair AS VARCHAR) AS pair,
       CAST(rang AS INTEGER) AS rang, CAST(distance AS DOUBLE) AS distance
FROM pair_calcule
ORDER BY niveau, code, rang;
ALTER TABLE territoire_pair ADD PRIMARY KEY (niveau, code, rang);
