-- Numeric indicators per commune supplied by the user (used by the fragility index).
-- Rows of an additive indicator (population_municipale) written for several former
-- communes of one commune nouvelle are kept by the loader and add up here; any other
-- key appears once (the loader rejects duplicates), so the sum is that row's value.
CREATE TABLE indicateur_commune AS
SELECT commune, indicateur, annee, sum(valeur) AS valeur, bool_or(demo) AS demo
FROM stg_indicateurs
GROUP BY commune, indicateur, annee
ORDER BY commune, indicateur, annee;
ALTER TABLE indicateur_commune ADD PRIMARY KEY (commune, indicateur, annee);
