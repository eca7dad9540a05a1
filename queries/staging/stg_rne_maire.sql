-- Maires of a Répertoire national des élus file of the data folder (etl.public.rne):
-- current commune, name, first name, start of the function; empty without such a file.
CREATE OR REPLACE TEMP VIEW stg_rne_maire AS
SELECT
    CAST(commune AS VARCHAR)           AS commune,
    CAST(prenom AS VARCHAR)            AS prenom,
    CAST(nom AS VARCHAR)               AS nom,
    CAST(date_debut_fonction AS DATE)  AS date_debut_fonction,
    CAST(source AS VARCHAR)            AS source
FROM raw_rne_maire;
