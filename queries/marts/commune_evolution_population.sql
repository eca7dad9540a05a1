-- Mean annual population change of each commune (% a year), with where it comes from:
-- 'fichier' when the indicators file gives evolution_population (its latest year), else
-- 'millesimes' from the oldest and newest population vintages. The vintages are the
-- boundaries' population (when its census year is known) and every population_municipale
-- row of the indicators file (which wins for the same year); values under statistical
-- secret are left out. See docs/methodologie.md.
CREATE OR REPLACE TABLE commune_evolution_population AS
WITH millesime AS (
    SELECT commune, annee, valeur AS population
    FROM indicateur_commune WHERE indicateur = 'population_municipale' AND NOT secret
    UNION ALL
    SELECT c.code, c.population_annee, c.population
    FROM commune c
    WHERE c.population IS NOT NULL AND c.population_annee IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM indicateur_commune i
                      WHERE i.commune = c.code AND i.indicateur = 'population_municipale'
                        AND i.annee = c.population_annee AND NOT i.secret)
),
calculee AS (
    SELECT commune,
           min(annee) AS annee_debut, arg_min(population, annee) AS population_debut,
           max(annee) AS annee_fin, arg_max(population, annee) AS population_fin
    FROM millesime
    GROUP BY commune
    HAVING max(annee) > min(annee) AND arg_min(population, annee) > 0
),
fournie AS (
    SELECT commune, max(annee) AS annee_fin, arg_max(valeur, annee) AS evolution
    FROM indicateur_commune WHERE indicateur = 'evolution_population' AND NOT secret
    GROUP BY commune
)
SELECT commune, 'fichier' AS source, NULL::INTEGER AS annee_debut, NULL::DOUBLE AS population_debut,
       annee_fin, NULL::DOUBLE AS population_fin, evolution
FROM fournie
UNION ALL
SELECT c.commune, 'millesimes', c.annee_debut, c.population_debut, c.annee_fin, c.population_fin,
       100 * (pow(c.population_fin / c.population_debut, 1.0 / (c.annee_fin - c.annee_debut)) - 1)
FROM calculee c
WHERE NOT EXISTS (SELECT 1 FROM fournie f WHERE f.commune = c.commune)
ORDER BY commune;
