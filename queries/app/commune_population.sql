-- Census year of a commune's population and its mean annual change (% a year), with the
-- vintages it was computed from or the year of the value given in the indicators file.
SELECT c.population_annee, e.evolution AS evolution_population, e.source AS evolution_source,
       e.annee_debut, e.population_debut, e.annee_fin, e.population_fin
FROM commune c
LEFT JOIN commune_evolution_population e ON e.commune = c.code
WHERE c.code = $code;
