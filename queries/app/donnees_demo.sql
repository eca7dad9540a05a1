-- What is demonstration data in this warehouse: for each entity the rows it holds and how
-- many of them carry demo = true (atlas.provenance turns these counts into demo, real,
-- mixed or absent). The population of an older census year (indicator
-- population_municipale, which gives the population change) is its own entity.
SELECT 'alliances' AS entite, count(*) AS lignes, count(*) FILTER (WHERE demo) AS lignes_demo FROM alliance
UNION ALL
SELECT 'crte', count(*), count(*) FILTER (WHERE demo) FROM crte
UNION ALL
SELECT 'experimentations', count(*), count(*) FILTER (WHERE demo) FROM experimentation
UNION ALL
SELECT 'catalyseurs', count(*), count(*) FILTER (WHERE demo) FROM catalyseur
UNION ALL
SELECT 'mesures', count(*), count(*) FILTER (WHERE demo)
FROM (SELECT demo FROM mesure UNION ALL SELECT demo FROM mesure_suivi UNION ALL SELECT demo FROM mesure_indicateur)
UNION ALL
SELECT 'indicateurs', count(*), count(*) FILTER (WHERE demo)
FROM indicateur_commune WHERE indicateur <> 'population_municipale'
UNION ALL
SELECT 'population', count(*), count(*) FILTER (WHERE demo)
FROM indicateur_commune WHERE indicateur = 'population_municipale';
