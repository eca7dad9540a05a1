-- Programmes of the ANCT files read (etl/public/anct.py): label, description and page from
-- the catalogue atlas/programmes.py, the code itself as label for an unknown programme.
CREATE OR REPLACE TEMP VIEW stg_programme AS
SELECT CAST(code AS VARCHAR) AS code, CAST(libelle AS VARCHAR) AS libelle,
       CAST(description AS VARCHAR) AS description, CAST(url AS VARCHAR) AS url
FROM raw_anct_programme;
