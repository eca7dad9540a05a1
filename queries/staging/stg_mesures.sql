CREATE OR REPLACE TEMP VIEW stg_mesures AS
SELECT
    CAST(id AS VARCHAR) AS id, CAST(libelle AS VARCHAR) AS libelle,
    CAST(chantier AS VARCHAR) AS chantier, CAST(chantier_libelle AS VARCHAR) AS chantier_libelle,
    CAST(levier AS VARCHAR) AS levier, CAST(levier_libelle AS VARCHAR) AS levier_libelle,
    coalesce(CAST(demo AS BOOLEAN), false) AS demo, CAST(ligne AS INTEGER) AS ligne
FROM raw_mesures;
