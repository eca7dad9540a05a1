-- Communes named by the ANCT files (communes tables, and groupements rows of nature COM:
-- a commune that signed alone), already mapped to the current commune.
CREATE OR REPLACE TEMP VIEW stg_programme_commune AS
SELECT CAST(programme AS VARCHAR) AS programme, CAST(id AS VARCHAR) AS id, CAST(commune AS VARCHAR) AS commune,
       CAST(fichier AS VARCHAR) AS fichier, CAST(ligne AS INTEGER) AS ligne
FROM raw_anct_commune;
