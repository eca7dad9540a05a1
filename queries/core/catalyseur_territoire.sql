-- Territory each catalyseur covers, one row per (catalyseur, niveau, code).
CREATE TABLE catalyseur_territoire AS
SELECT DISTINCT id AS catalyseur, 'commune' AS niveau, u.code
FROM stg_catalyseurs, unnest(territoire_communes) AS u(code) WHERE territoire_communes IS NOT NULL
UNION
SELECT DISTINCT id, 'epci', u.code
FROM stg_catalyseurs, unnest(territoire_epci) AS u(code) WHERE territoire_epci IS NOT NULL
UNION
SELECT DISTINCT id, 'departement', u.code
FROM stg_catalyseurs, unnest(territoire_departements) AS u(code) WHERE territoire_departements IS NOT NULL
ORDER BY 1, 2, 3;
