CREATE OR REPLACE TEMP VIEW stg_crte AS
SELECT
    CAST(id AS VARCHAR) AS id, CAST(nom AS VARCHAR) AS nom, CAST(date_signature AS DATE) AS date_signature,
    CAST(statut AS VARCHAR) AS statut, CAST(perimetre_epci AS VARCHAR[]) AS perimetre_epci,
    coalesce(CAST(demo AS BOOLEAN), false) AS demo, CAST(ligne AS INTEGER) AS ligne
FROM raw_crte;
