CREATE OR REPLACE TEMP VIEW stg_indicateurs AS
SELECT
    CAST(commune AS VARCHAR) AS commune, CAST(indicateur AS VARCHAR) AS indicateur,
    CAST(annee AS INTEGER) AS annee, CAST(valeur AS DOUBLE) AS valeur,
    coalesce(CAST(demo AS BOOLEAN), false) AS demo, CAST(ligne AS INTEGER) AS ligne
FROM raw_indicateurs;
