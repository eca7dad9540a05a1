-- Values read from files in the Baromètre's layout (etl/public/barometre.py), with the mesure,
-- label and unit their indicator has in the loaded mesures_indicateurs rows (the reader
-- rejects, with its reason, a value whose indicator that file does not declare).
CREATE OR REPLACE TEMP VIEW stg_barometre AS
SELECT d.mesure, b.indicateur, d.libelle, d.unite, CAST(b.region AS VARCHAR) AS region,
       CAST(b.date_valeur AS DATE) AS date_valeur, CAST(b.valeur_initiale AS DOUBLE) AS valeur_initiale,
       CAST(b.valeur_actuelle AS DOUBLE) AS valeur_actuelle, CAST(b.cible AS DOUBLE) AS cible, false AS demo
FROM raw_barometre_valeur b
JOIN (
    SELECT indicateur, arg_min(mesure, ligne) AS mesure, arg_min(libelle, ligne) AS libelle,
           arg_min(unite, ligne) AS unite
    FROM stg_mesures_indicateurs
    GROUP BY indicateur
) d ON d.indicateur = b.indicateur;
