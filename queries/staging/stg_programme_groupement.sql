-- EPCI named by the groupements tables of the ANCT files (known EPCI only: the reader
-- rejects the others); every commune of such an EPCI is covered.
CREATE OR REPLACE TEMP VIEW stg_programme_groupement AS
SELECT CAST(programme AS VARCHAR) AS programme, CAST(id AS VARCHAR) AS id, CAST(epci AS VARCHAR) AS epci,
       CAST(fichier AS VARCHAR) AS fichier, CAST(ligne AS INTEGER) AS ligne
FROM raw_anct_groupement;
