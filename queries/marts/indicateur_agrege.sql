-- Maturity and fragility of every territory (commune, epci, departement, region, and
-- France as 'france'/'FR'), with their components. Higher levels are population-weighted means of their communes,
-- through this one model for every level (a territory of one commune has its values).
-- A commune without population weighs 1. Published as indicateur_territoire (the four
-- levels) and indicateur_france (France as a whole); this temporary table is not kept.
CREATE OR REPLACE TEMP TABLE indicateur_agrege AS
WITH fragilite_commune AS (
    SELECT commune,
           count(*) AS composantes,
           CASE WHEN count(*) >= $composantes_minimales THEN sum(poids * score) / sum(poids) END AS score,
           max(score) FILTER (WHERE composante = 'densite') AS densite,
           max(score) FILTER (WHERE composante = 'population') AS population,
           max(score) FILTER (WHERE composante = 'isolement') AS isolement,
           max(score) FILTER (WHERE composante = 'taux_pauvrete') AS taux_pauvrete,
           max(score) FILTER (WHERE composante = 'part_sans_diplome') AS part_sans_diplome,
           max(score) FILTER (WHERE composante = 'taux_chomage') AS taux_chomage,
           max(score) FILTER (WHERE composante = 'revenu_median') AS revenu_median,
           max(score) FILTER (WHERE composante = 'part_75_ans_plus') AS part_75_ans_plus,
           max(score) FILTER (WHERE composante = 'evolution_population') AS evolution_population,
           max(score) FILTER (WHERE composante = 'temps_acces_services') AS temps_acces_services,
           max(valeur) FILTER (WHERE composante = 'isolement') AS isolement_km
    FROM commune_fragilite GROUP BY commune
),
base AS (
    SELECT tc.niveau, tc.code, c.code AS commune, c.population,
           greatest(coalesce(c.population, 0), 1) AS w,
           m.*, f.composantes AS fragilite_composantes, f.score AS fragilite_commune_score,
           f.densite AS f_densite, f.population AS f_population, f.isolement AS f_isolement,
           f.taux_pauvrete AS f_taux_pauvrete, f.part_sans_diplome AS f_part_sans_diplome,
           f.taux_chomage AS f_taux_chomage, f.revenu_median AS f_revenu_median,
           f.part_75_ans_plus AS f_part_75_ans_plus, f.evolution_population AS f_evolution_population,
           f.temps_acces_services AS f_temps_acces_services, f.isolement_km
    FROM territoire_commune tc
    JOIN commune c ON c.code = tc.commune
    JOIN commune_maturite m ON m.code = c.code
    LEFT JOIN fragilite_commune f ON f.commune = c.code
),
-- weighted mean of x over the communes where x is known
agg AS (
    SELECT niveau, code,
        count(*) AS communes,
        sum(population) AS population,
        sum(w) FILTER (WHERE maturite_score IS NOT NULL) / sum(w) AS part_donnees_suffisantes,
        sum(w * maturite_score) / sum(w) FILTER (WHERE maturite_score IS NOT NULL) AS maturite_score,
        sum(w * maturite_alliances) FILTER (WHERE maturite_score IS NOT NULL) / sum(w) FILTER (WHERE maturite_score IS NOT NULL) AS maturite_alliances,
        sum(w * maturite_diversite) FILTER (WHERE maturite_score IS NOT NULL) / sum(w) FILTER (WHERE maturite_score IS NOT NULL) AS maturite_diversite,
        sum(w * maturite_recence) FILTER (WHERE maturite_score IS NOT NULL) / sum(w) FILTER (WHERE maturite_score IS NOT NULL) AS maturite_recence,
        sum(w * maturite_crte) FILTER (WHERE maturite_score IS NOT NULL) / sum(w) FILTER (WHERE maturite_score IS NOT NULL) AS maturite_crte,
        sum(w * maturite_experimentations) FILTER (WHERE maturite_score IS NOT NULL) / sum(w) FILTER (WHERE maturite_score IS NOT NULL) AS maturite_experimentations,
        sum(w * maturite_catalyseurs) FILTER (WHERE maturite_score IS NOT NULL) / sum(w) FILTER (WHERE maturite_score IS NOT NULL) AS maturite_catalyseurs,
        sum(w * alliances_pour_10000) FILTER (WHERE alliances_pour_10000 IS NOT NULL) / sum(w) FILTER (WHERE alliances_pour_10000 IS NOT NULL) AS alliances_pour_10000,
        sum(w * CASE WHEN crte_couvert THEN 1 ELSE 0 END) / sum(w) AS crte_couverture,
        sum(w * catalyseur_distance_km) FILTER (WHERE catalyseur_distance_km IS NOT NULL) / sum(w) FILTER (WHERE catalyseur_distance_km IS NOT NULL) AS catalyseur_distance_km,
        sum(w * fragilite_commune_score) FILTER (WHERE fragilite_commune_score IS NOT NULL) / sum(w) FILTER (WHERE fragilite_commune_score IS NOT NULL) AS fragilite_score,
        sum(w) FILTER (WHERE fragilite_commune_score IS NOT NULL) / sum(w) AS part_fragilite_calculee,
        sum(w * f_densite) / sum(w) FILTER (WHERE f_densite IS NOT NULL) AS fragilite_densite,
        sum(w * f_population) / sum(w) FILTER (WHERE f_population IS NOT NULL) AS fragilite_population,
        sum(w * f_isolement) / sum(w) FILTER (WHERE f_isolement IS NOT NULL) AS fragilite_isolement,
        sum(w * f_taux_pauvrete) / sum(w) FILTER (WHERE f_taux_pauvrete IS NOT NULL) AS fragilite_taux_pauvrete,
        sum(w * f_part_sans_diplome) / sum(w) FILTER (WHERE f_part_sans_diplome IS NOT NULL) AS fragilite_part_sans_diplome,
        sum(w * f_taux_chomage) / sum(w) FILTER (WHERE f_taux_chomage IS NOT NULL) AS fragilite_taux_chomage,
        sum(w * f_revenu_median) / sum(w) FILTER (WHERE f_revenu_median IS NOT NULL) AS fragilite_revenu_median,
        sum(w * f_part_75_ans_plus) / sum(w) FILTER (WHERE f_part_75_ans_plus IS NOT NULL) AS fragilite_part_75_ans_plus,
        sum(w * f_evolution_population) / sum(w) FILTER (WHERE f_evolution_population IS NOT NULL) AS fragilite_evolution_population,
        sum(w * f_temps_acces_services) / sum(w) FILTER (WHERE f_temps_acces_services IS NOT NULL) AS fragilite_temps_acces_services,
        sum(w * isolement_km) / sum(w) FILTER (WHERE isolement_km IS NOT NULL) AS isolement_km
    FROM base
    GROUP BY niveau, code
),
alliances AS (
    SELECT tc.niveau, tc.code, count(DISTINCT ac.alliance) AS alliances_nombre
    FROM territoire_commune tc JOIN alliance_commune ac ON ac.commune = tc.commune
    GROUP BY tc.niveau, tc.code
)
SELECT a.niveau, a.code, a.communes, a.population,
       a.maturite_score,
       CASE
           WHEN a.maturite_score IS NULL OR a.part_donnees_suffisantes < $part_population_minimale
               THEN 'donnees_insuffisantes'
           WHEN a.maturite_score >= $seuil_pionnier THEN 'pionnier'
           WHEN a.maturite_score >= $seuil_actif THEN 'actif'
           WHEN a.maturite_score >= $seuil_premiers_pas THEN 'premiers_pas'
           ELSE 'en_questionnement'
       END AS maturite_classe,
       a.fragilite_score,
       coalesce(n.alliances_nombre, 0) AS alliances_nombre,
       a.alliances_pour_10000, a.crte_couverture, a.catalyseur_distance_km, a.isolement_km,
       a.part_donnees_suffisantes, a.part_fragilite_calculee,
       a.maturite_alliances, a.maturite_diversite, a.maturite_recence, a.maturite_crte,
       a.maturite_experimentations, a.maturite_catalyseurs,
       a.fragilite_densite, a.fragilite_population, a.fragilite_isolement, a.fragilite_taux_pauvrete,
       a.fragilite_part_sans_diplome, a.fragilite_taux_chomage, a.fragilite_revenu_median,
       a.fragilite_part_75_ans_plus, a.fragilite_evolution_population, a.fragilite_temps_acces_services
FROM agg a
LEFT JOIN alliances n ON n.niveau = a.niveau AND n.code = a.code
ORDER BY a.niveau, a.code;
