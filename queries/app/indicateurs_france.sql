-- France as a whole, aggregated from its communes exactly as the higher levels are
-- (population-weighted means, a commune without population weighs 1; maturity
-- components over the communes with a maturity score, other values over the communes
-- where they are known).
WITH c AS (
    SELECT i.*, greatest(coalesce(i.population, 0), 1) AS w
    FROM indicateur_territoire i
    WHERE i.niveau = 'commune'
)
SELECT 'france' AS niveau, 'FR' AS code,
    count(*) AS communes,
    sum(population) AS population,
    sum(w * maturite_score) FILTER (WHERE maturite_score IS NOT NULL) / sum(w) FILTER (WHERE maturite_score IS NOT NULL) AS maturite_score,
    sum(w * fragilite_score) FILTER (WHERE fragilite_score IS NOT NULL) / sum(w) FILTER (WHERE fragilite_score IS NOT NULL) AS fragilite_score,
    (SELECT count(*) FROM alliance) AS alliances_nombre,
    sum(w * alliances_pour_10000) FILTER (WHERE alliances_pour_10000 IS NOT NULL) / sum(w) FILTER (WHERE alliances_pour_10000 IS NOT NULL) AS alliances_pour_10000,
    sum(w * crte_couverture) / sum(w) AS crte_couverture,
    sum(w * catalyseur_distance_km) FILTER (WHERE catalyseur_distance_km IS NOT NULL) / sum(w) FILTER (WHERE catalyseur_distance_km IS NOT NULL) AS catalyseur_distance_km,
    sum(w * maturite_alliances) FILTER (WHERE maturite_score IS NOT NULL) / sum(w) FILTER (WHERE maturite_score IS NOT NULL) AS maturite_alliances,
    sum(w * maturite_diversite) FILTER (WHERE maturite_score IS NOT NULL) / sum(w) FILTER (WHERE maturite_score IS NOT NULL) AS maturite_diversite,
    sum(w * maturite_recence) FILTER (WHERE maturite_score IS NOT NULL) / sum(w) FILTER (WHERE maturite_score IS NOT NULL) AS maturite_recence,
    sum(w * maturite_crte) FILTER (WHERE maturite_score IS NOT NULL) / sum(w) FILTER (WHERE maturite_score IS NOT NULL) AS maturite_crte,
    sum(w * maturite_experimentations) FILTER (WHERE maturite_score IS NOT NULL) / sum(w) FILTER (WHERE maturite_score IS NOT NULL) AS maturite_experimentations,
    sum(w * maturite_catalyseurs) FILTER (WHERE maturite_score IS NOT NULL) / sum(w) FILTER (WHERE maturite_score IS NOT NULL) AS maturite_catalyseurs,
    sum(w * fragilite_densite) / sum(w) FILTER (WHERE fragilite_densite IS NOT NULL) AS fragilite_densite,
    sum(w * fragilite_population) / sum(w) FILTER (WHERE fragilite_population IS NOT NULL) AS fragilite_population,
    sum(w * fragilite_isolement) / sum(w) FILTER (WHERE fragilite_isolement IS NOT NULL) AS fragilite_isolement,
    sum(w * fragilite_taux_pauvrete) / sum(w) FILTER (WHERE fragilite_taux_pauvrete IS NOT NULL) AS fragilite_taux_pauvrete,
    sum(w * fragilite_part_sans_diplome) / sum(w) FILTER (WHERE fragilite_part_sans_diplome IS NOT NULL) AS fragilite_part_sans_diplome,
    sum(w * fragilite_taux_chomage) / sum(w) FILTER (WHERE fragilite_taux_chomage IS NOT NULL) AS fragilite_taux_chomage,
    sum(w * fragilite_revenu_median) / sum(w) FILTER (WHERE fragilite_revenu_median IS NOT NULL) AS fragilite_revenu_median,
    sum(w * fragilite_part_75_ans_plus) / sum(w) FILTER (WHERE fragilite_part_75_ans_plus IS NOT NULL) AS fragilite_part_75_ans_plus,
    sum(w * fragilite_evolution_population) / sum(w) FILTER (WHERE fragilite_evolution_population IS NOT NULL) AS fragilite_evolution_population,
    sum(w * fragilite_temps_acces_services) / sum(w) FILTER (WHERE fragilite_temps_acces_services IS NOT NULL) AS fragilite_temps_acces_services
FROM c;
