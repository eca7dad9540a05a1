-- Census year of a commune's population and its mean annual change (% a year), when known.
SELECT c.population_annee, f.valeur AS evolution_population
FROM commune c
LEFT JOIN commune_fragilite f ON f.commune = c.code AND f.composante = 'evolution_population'
WHERE c.code = $code;
