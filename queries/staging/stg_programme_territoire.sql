-- Every contract or site named by a row of an ANCT file (a row with ids joined by " ; "
-- gives one row per id); rang orders the tables when several name one contract
-- (1 list of contracts, 2 groupements, 3 communes).
CREATE OR REPLACE TEMP VIEW stg_programme_territoire AS
SELECT CAST(programme AS VARCHAR) AS programme, CAST(id AS VARCHAR) AS id, CAST(nom AS VARCHAR) AS nom,
       CAST(date_signature AS DATE) AS date_signature, CAST(rang AS INTEGER) AS rang,
       CAST(fichier AS VARCHAR) AS fichier, CAST(ligne AS INTEGER) AS ligne
FROM raw_anct_territoire;
