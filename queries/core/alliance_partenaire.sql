CREATE TABLE alliance_partenaire AS
SELECT DISTINCT a.id AS alliance, u.type_partenaire
FROM stg_alliances a, unnest(a.types_partenaires) AS u(type_partenaire)
ORDER BY 1, 2;
