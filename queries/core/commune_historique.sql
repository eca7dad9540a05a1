-- Former communes (déléguées, associées) and the current commune they belong to.
CREATE TABLE commune_historique AS
SELECT DISTINCT
    CAST(ancien_code AS VARCHAR) AS ancien_code,
    CAST(nom AS VARCHAR)         AS nom,
    CAST(code_actuel AS VARCHAR) AS code_actuel,
    CAST(type AS VARCHAR)        AS type
FROM raw_commune_historique
ORDER BY ancien_code, type;
