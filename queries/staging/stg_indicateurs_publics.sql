-- Indicator values read from the public files (Insee, Observatoire des territoires) by
-- etl.public.insee: one row per commune, indicator and year; a value under statistical
-- secret has secret = true and no value (neither zero nor missing).
CREATE OR REPLACE TEMP VIEW stg_indicateurs_publics AS
SELECT
    CAST(commune AS VARCHAR) AS commune, CAST(indicateur AS VARCHAR) AS indicateur,
    CAST(annee AS INTEGER) AS annee, CAST(valeur AS DOUBLE) AS valeur,
    coalesce(CAST(secret AS BOOLEAN), false) AS secret, CAST(source AS VARCHAR) AS source,
    CAST(colonne AS VARCHAR) AS colonne, CAST(ligne AS INTEGER) AS ligne
FROM raw_indicateurs_publics;
