-- Former communes (déléguées, associées) and the current commune they belong to, as read
-- from the boundaries source.
CREATE OR REPLACE TEMP VIEW stg_commune_historique AS
SELECT
    CAST(ancien_code AS VARCHAR) AS ancien_code,
    CAST(nom AS VARCHAR)         AS nom,
    CAST(code_actuel AS VARCHAR) AS code_actuel,
    CAST(type AS VARCHAR)        AS type
FROM raw_commune_historique;
