-- EPCI of each CRTE perimeter: the perimetre_epci list of crte.csv, or the EPCI of the
-- ANCT groupements file (an EPCI may be in several CRTE).
CREATE TABLE crte_epci AS
SELECT DISTINCT crte, epci
FROM (
    SELECT c.id AS crte, u.epci FROM stg_crte c, unnest(c.perimetre_epci) AS u(epci)
    UNION ALL
    SELECT id, epci FROM stg_programme_groupement WHERE programme = 'crte'
)
ORDER BY 1, 2;
