-- The communes an alliance acts in: listed directly (via = 'commune') or every commune
-- of the EPCI it acts on (via = 'epci').
CREATE TABLE alliance_commune AS
SELECT DISTINCT a.id AS alliance, u.commune, 'commune' AS via
FROM stg_alliances a, unnest(a.communes) AS u(commune)
WHERE a.communes IS NOT NULL
UNION
SELECT a.id, c.code, 'epci'
FROM stg_alliances a
JOIN commune c ON c.epci = a.epci
WHERE a.epci IS NOT NULL
ORDER BY 1, 2;
