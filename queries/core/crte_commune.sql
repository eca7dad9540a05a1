-- Communes covered by each CRTE: every commune of an EPCI of its perimeter (via = the EPCI),
-- and for the ANCT files the communes named alone (via = 'commune': a CRTE signed by one
-- commune). A commune may be in several CRTE.
CREATE TABLE crte_commune AS
SELECT DISTINCT crte, commune, via
FROM (
    SELECT ce.crte, c.code AS commune, ce.epci AS via
    FROM crte_epci ce JOIN commune c ON c.epci = ce.epci
    UNION ALL
    SELECT id, commune, via FROM programme_commune WHERE programme = 'crte'
)
ORDER BY crte, commune, via;
