-- CRTE as the crte input file writes them (filled template, exports.templates).
SELECT
    c.id, c.nom, c.date_signature, c.statut,
    (SELECT list(e.epci ORDER BY e.epci) FROM crte_epci e WHERE e.crte = c.id) AS perimetre_epci,
    c.demo
FROM crte c
ORDER BY c.id;
