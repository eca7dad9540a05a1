-- Former communes (déléguées, associées) and the current commune they belong to.
CREATE TABLE commune_historique AS
SELECT DISTINCT ancien_code, nom, code_actuel, type
FROM stg_commune_historique
ORDER BY ancien_code, type;
