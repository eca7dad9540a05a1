-- Fragility of each commune, in long form: one row per (commune, composante) with the
-- raw value and its score 0–100 (percentile rank among communes, oriented so that a
-- higher score is more fragile). fragilite_parametre(composante, sens, poids) is
-- registered by etl.scores.marts from the parameters file and the indicator spec.
-- evolution_population comes from commune_evolution_population (the user's value if
-- given, else computed from two or more population vintages). A value under statistical
-- secret is no value: the latest year that has one is used.
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
    FROM indicateur_commune
    WHERE NOT secret AND indicateur NOT IN ('population_municipale', 'evolution_population')
    GROUP BY commune, indicateur
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
    SELECT commune, 'evolution_population', evolution FROM commune_evolution_population
)
SELECT v.commune, v.composante, v.valeur, f.poids,
       100 * CASE WHEN f.sens > 0
                  THEN percent_rank() OVER (PARTITION BY v.composante ORDER BY v.valeur)
                  ELSE 1 - percent_rank() OVER (PARTITION BY v.composante ORDER BY v.valeur) END AS score
FROM valeurs v
JOIN fragilite_parametre f ON f.composante = v.composante
WHERE v.valeur IS NOT NULL
ORDER BY v.commune, v.composante;
