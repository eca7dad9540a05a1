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
-- population-weighted means (queries/macros/moyennes); the components of maturity count
-- only where the maturity score is computed
agg AS (
    SELECT niveau, code,
        count(*) AS communes,
        sum(population) AS population,
        part_ponderee(maturite_score IS NOT NULL, w) AS part_donnees_suffisantes,
        moyenne_ponderee(maturite_score, w) AS maturite_score,
        moyenne_ponderee_si(maturite_alliances, w, maturite_score IS NOT NULL) AS maturite_alliances,
        moyenne_ponderee_si(maturite_diversite, w, maturite_score IS NOT NULL) AS maturite_diversite,
        moyenne_ponderee_si(maturite_recence, w, maturite_score IS NOT NULL) AS maturite_recence,
        moyenne_ponderee_si(maturite_crte, w, maturite_score IS NOT NULL) AS maturite_crte,
        moyenne_ponderee_si(maturite_experimentations, w, maturite_score IS NOT NULL) AS maturite_experimentations,
        moyenne_ponderee_si(maturite_catalyseurs, w, maturite_score IS NOT NULL) AS maturite_catalyseurs,
        moyenne_ponderee(alliances_pour_10000, w) AS alliances_pour_10000,
        moyenne_ponderee(CASE WHEN crte_couvert THEN 1 ELSE 0 END, w) AS crte_couverture,
        moyenne_ponderee(catalyseur_distance_km, w) AS catalyseur_distance_km,
        moyenne_ponderee(fragilite_commune_score, w) AS fragilite_score,
        part_ponderee(fragilite_commune_score IS NOT NULL, w) AS part_fragilite_calculee,
        moyenne_ponderee(f_densite, w) AS fragilite_densite,
        moyenne_ponderee(f_population, w) AS fragilite_population,
        moyenne_ponderee(f_isolement, w) AS fragilite_isolement,
        moyenne_ponderee(f_taux_pauvrete, w) AS fragilite_taux_pauvrete,
        moyenne_ponderee(f_part_sans_diplome, w) AS fragilite_part_sans_diplome,
        moyenne_ponderee(f_taux_chomage, w) AS fragilite_taux_chomage,
        moyenne_ponderee(f_revenu_median, w) AS fragilite_revenu_median,
        moyenne_ponderee(f_part_75_ans_plus, w) AS fragilite_part_75_ans_plus,
        moyenne_ponderee(f_evolution_population, w) AS fragilite_evolution_population,
        moyenne_ponderee(f_temps_acces_services, w) AS fragilite_temps_acces_services,
        moyenne_ponderee(isolement_km, w) AS isolement_km
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
       maturite_classe(a.maturite_score, a.part_donnees_suffisantes) AS maturite_classe,
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
