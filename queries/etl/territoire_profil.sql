-- The profile of every commune and EPCI that etl.scores.pairs compares to find their peers,
-- in long form: one row per (niveau, code, groupe, variable) with a known value. The groups
-- are those of [pairs.poids]: population and densite (natural log of 1 + the value),
-- isolement (log of 1 + the km to the nearest pôle), fragilite (each fragility component
-- score, 0–100, but those of population, density and isolation) and programmes (share of
-- the population covered by each loaded programme: 0 or 1 for a commune).
WITH t AS (
    SELECT i.niveau, i.code, t.population, t.superficie_km2, i.isolement_km,
           i.fragilite_taux_pauvrete, i.fragilite_part_sans_diplome, i.fragilite_taux_chomage,
           i.fragilite_revenu_median, i.fragilite_part_75_ans_plus, i.fragilite_evolution_population,
           i.fragilite_temps_acces_services
    FROM indicateur_territoire i
    JOIN territoire t ON t.niveau = i.niveau AND t.code = i.code
    WHERE i.niveau IN ('commune', 'epci')
),
fragilite AS (
    UNPIVOT (
        SELECT niveau, code, fragilite_taux_pauvrete, fragilite_part_sans_diplome, fragilite_taux_chomage,
               fragilite_revenu_median, fragilite_part_75_ans_plus, fragilite_evolution_population,
               fragilite_temps_acces_services
        FROM t
    ) ON COLUMNS(* EXCLUDE (niveau, code)) INTO NAME variable VALUE valeur
),
programmes AS (
    SELECT tc.niveau, tc.code, p.programme,
           sum(greatest(coalesce(c.population, 0), 1)) AS couverte
    FROM (SELECT DISTINCT programme, commune FROM programme_commune) p
    JOIN territoire_commune tc ON tc.commune = p.commune AND tc.niveau IN ('commune', 'epci')
    JOIN commune c ON c.code = p.commune
    GROUP BY ALL
),
totaux AS (
    SELECT tc.niveau, tc.code, sum(greatest(coalesce(c.population, 0), 1)) AS population
    FROM territoire_commune tc JOIN commune c ON c.code = tc.commune
    WHERE tc.niveau IN ('commune', 'epci')
    GROUP BY ALL
)
SELECT niveau, code, 'population' AS groupe, 'population' AS variable, ln(1 + population) AS valeur
FROM t WHERE population IS NOT NULL
UNION ALL
SELECT niveau, code, 'densite', 'densite', ln(1 + population / superficie_km2)
FROM t WHERE population IS NOT NULL AND superficie_km2 > 0
UNION ALL
SELECT niveau, code, 'isolement', 'isolement', ln(1 + isolement_km) FROM t WHERE isolement_km IS NOT NULL
UNION ALL
SELECT niveau, code, 'fragilite', variable, valeur FROM fragilite WHERE valeur IS NOT NULL
UNION ALL
SELECT p.niveau, p.code, 'programmes', p.programme, p.couverte / t.population
FROM programmes p JOIN totaux t ON t.niveau = p.niveau AND t.code = p.code
ORDER BY niveau, code, groupe, variable;
