-- Départements as read from the boundaries source, with their région.
CREATE OR REPLACE TEMP VIEW stg_departement AS
SELECT CAST(code AS VARCHAR) AS code, CAST(nom AS VARCHAR) AS nom, CAST(region AS VARCHAR) AS region
FROM raw_departement;
