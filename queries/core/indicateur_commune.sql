-- Numeric indicators per commune supplied by the user (used by the fragility index).
CREATE TABLE indicateur_commune AS
SELECT commune, indicateur, annee, valeur, demo
FROM stg_indicateurs
ORDER BY commune, indicateur, annee;
ALTER TABLE indicateur_commune ADD PRIMARY KEY (commune, indicateur, annee);
