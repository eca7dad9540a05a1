-- Fragility of each commune, in long form: one row per (commune, composante) with the
-- raw value and its score 0–100 (percentile rank among communes, oriented so that a
-- higher score is more fragile). fragilite_parametre(composante, sens, poids) is
-- registered by etl.scores.marts from the parameters file and the indicator spec.
-- evolution_population is the user's value if given, else computed from two or more
-- population vintages (see docs/methodologie.md).
CREATE OR REPLACE TABLE commune_fragilite AS
WITH poles AS (
    SELECT cp.* FROM commune_point cp JOIN commune c ON c.code = cp.code
    WHERE c.population >= $seuil_pole_habitants
),
isolement AS (
    SELECT cp.code, min(sqrt((p.x - cp.x) ^ 2 + (p.y - cp.y) ^ 2)) / 1000 AS km
    FROM commune_point cp JOIN poles p ON p.zone = cp.zone
    GROUP BY cp.code
),
dernier_indicateur AS (
    SELECT commune, indicateur, arg_max(valeur, annee) AS valeur
    FROM indicateur_commune WHERE indicateur <> 'population_municipale'
    GROUP BY commune, indicateur
),
-- Population vintages: the boundaries' population (when its census year is known) and
-- every population_municipale row of the indicators file (which wins for the same year).
millesime AS (
    SELECT commune, annee, valeur AS population
    FROM indicateur_commune WHERE indicateur = 'population_municipale'
    UNION ALL
    SELECT c.code, c.population_annee, c.population
    FROM commune c
    WHERE c.population IS NOT NULL AND c.population_annee IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM indicateur_commune i
                      WHERE i.commune = c.code AND i.indicateur = 'population_municipale'
                        AND i.annee = c.population_annee)
),
-- Mean annual change (%) between the oldest and the newest vintage, unless the user
-- gave evolution_population itself.
evolution AS (
    SELECT commune,
           100 * (pow(arg_max(population, annee) / arg_min(population, annee),
                      1.0 / (max(annee) - min(annee))) - 1) AS valeur
    FROM millesime
    GROUP BY commune
    HAVING max(annee) > min(annee) AND arg_min(population, annee) > 0
),
valeurs AS (
    SELECT code AS commune, 'densite' AS composante, population / superficie_km2 AS valeur
    FROM commune WHERE population IS NOT NULL AND superficie_km2 > 0
    UNION ALL
    SELECT code, 'population', CAST(population AS DOUBLE) FROM commune WHERE population IS NOT NULL
    UNION ALL
    SELECT code, 'isolement', km FROM isolement
    UNION ALL
    SELECT commune, indicateur, valeur FROM dernier_indicateur
    UNION ALL
    SELECT e.commune, 'evolution_population', e.valeur FROM evolution e
    WHERE NOT EXISTS (SELECT 1 FROM dernier_indicateur d
                      WHERE d.commune = e.commune AND d.indicateur = 'evolution_population')
)
SELECT v.commune, v.composante, v.valeur, f.poids,
       100 * CASE WHEN f.sens > 0
                  THEN percent_rank() OVER (PARTITION BY v.composante ORDER BY v.valeur)
                  ELSE 1 - percent_rank() OVER (PARTITION BY v.composante ORDER BY v.valeur) END AS score
FROM valeurs v
JOIN fragilite_parametre f ON f.composante = v.composante
WHERE v.valeur IS NOT NULL
ORDER BY v.commune, v.composante;
