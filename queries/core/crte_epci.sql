CREATE TABLE crte_epci AS
SELECT DISTINCT c.id AS crte, u.epci
FROM stg_crte c, unnest(c.perimetre_epci) AS u(epci)
ORDER BY 1, 2;
