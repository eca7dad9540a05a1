CREATE OR REPLACE TEMP VIEW stg_mesures_indicateurs AS
SELECT
    CAST(mesure AS VARCHAR) AS mesure, CAST(indicateur AS VARCHAR) AS indicateur, CAST(libelle AS VARCHAR) AS libelle,
    CAST(unite AS VARCHAR) AS unite, CAST(region AS VARCHAR) AS region, CAST(date_valeur AS DATE) AS date_valeur,
    CAST(valeur_initiale AS DOUBLE) AS valeur_initiale, CAST(valeur_actuelle AS DOUBLE) AS valeur_actuelle,
    CAST(cible AS DOUBLE) AS cible,
    coalesce(CAST(demo AS BOOLEAN), false) AS demo, CAST(ligne AS INTEGER) AS ligne
FROM raw_mesures_indicateurs;
