-- One commune for its one-page fiche: identity, population, its EPCI, département and région
-- (codes and names). No row when the code is unknown.
SELECT c.code, c.nom, c.population, c.population_annee, c.superficie_km2,
       c.epci, e.nom AS epci_nom, c.departement, d.nom AS departement_nom, c.region, r.nom AS region_nom
FROM commune c
LEFT JOIN epci e ON e.code = c.epci
LEFT JOIN departement d ON d.code = c.departement
LEFT JOIN region r ON r.code = c.region
WHERE c.code = $code;
