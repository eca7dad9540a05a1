-- Numeric indicators per commune: our own indicators file (source NULL) and the public
-- files (source = the file name). Rows of an additive indicator (population_municipale)
-- written for several former communes of one commune nouvelle in our own file are kept by
-- the loader and add up here; any other key appears once (the loader rejects duplicates).
-- A public value replaces our own file's value for the same key before this model runs
-- (etl.public.insee.supersede_own_indicators), so the two parts never share a key.
-- secret = true: the value is under statistical secret (« s », « nd »): valeur is NULL,
-- which is neither zero nor missing (a missing value has no row).
CREATE TABLE indicateur_commune AS
SELECT commune, indicateur, annee, sum(valeur) AS valeur, false AS secret,
       NULL::VARCHAR AS source, bool_or(demo) AS demo
FROM stg_indicateurs
GROUP BY commune, indicateur, annee
UNION ALL
SELECT commune, indicateur, annee, valeur, secret, source, false
FROM stg_indicateurs_publics
ORDER BY commune, indicateur, annee;
ALTER TABLE indicateur_commune ADD PRIMARY KEY (commune, indicateur, annee);
