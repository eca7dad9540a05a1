-- CRTE whose perimeter includes an EPCI with communes in the territory, and the population
-- and communes of the territory they cover.
WITH couverture AS (
    SELECT ce.crte,
           count(p.code) AS communes_couvertes,
           coalesce(sum(p.population), 0) AS population_couverte
    FROM crte_epci ce
    JOIN communes_du_territoire($niveau, $code) p ON p.epci = ce.epci
    GROUP BY ce.crte
),
perimetres AS (
    SELECT ce.crte, list(ce.epci ORDER BY ce.epci) AS epci, count(*) AS epci_nombre
    FROM crte_epci ce
    WHERE ce.crte IN (SELECT crte FROM couverture)
    GROUP BY ce.crte
)
SELECT k.id, k.nom, k.statut, k.date_signature, pe.epci, pe.epci_nombre,
       c.communes_couvertes, c.population_couverte, k.demo
FROM couverture c
JOIN crte k ON k.id = c.crte
JOIN perimetres pe ON pe.crte = k.id
ORDER BY k.id;
