-- Rows of every published table, for the journal (etl_runs.row_counts) and the run summary,
-- in this order: boundaries, domain data, marts.
SELECT 'commune' AS table_name, count(*) AS lignes FROM commune
UNION ALL SELECT 'epci', count(*) FROM epci
UNION ALL SELECT 'departement', count(*) FROM departement
UNION ALL SELECT 'region', count(*) FROM region
UNION ALL SELECT 'commune_historique', count(*) FROM commune_historique
UNION ALL SELECT 'arrondissement_municipal', count(*) FROM arrondissement_municipal
UNION ALL SELECT 'geometrie_affichage', count(*) FROM geometrie_affichage
UNION ALL SELECT 'code_postal', count(*) FROM code_postal
UNION ALL SELECT 'mairie', count(*) FROM mairie
UNION ALL SELECT 'maire', count(*) FROM maire
UNION ALL SELECT 'alliance', count(*) FROM alliance
UNION ALL SELECT 'alliance_commune', count(*) FROM alliance_commune
UNION ALL SELECT 'alliance_partenaire', count(*) FROM alliance_partenaire
UNION ALL SELECT 'alliance_odd', count(*) FROM alliance_odd
UNION ALL SELECT 'crte', count(*) FROM crte
UNION ALL SELECT 'crte_epci', count(*) FROM crte_epci
UNION ALL SELECT 'crte_commune', count(*) FROM crte_commune
UNION ALL SELECT 'programme', count(*) FROM programme
UNION ALL SELECT 'programme_territoire', count(*) FROM programme_territoire
UNION ALL SELECT 'programme_commune', count(*) FROM programme_commune
UNION ALL SELECT 'experimentation', count(*) FROM experimentation
UNION ALL SELECT 'catalyseur', count(*) FROM catalyseur
UNION ALL SELECT 'catalyseur_territoire', count(*) FROM catalyseur_territoire
UNION ALL SELECT 'mesure', count(*) FROM mesure
UNION ALL SELECT 'mesure_suivi', count(*) FROM mesure_suivi
UNION ALL SELECT 'mesure_indicateur', count(*) FROM mesure_indicateur
UNION ALL SELECT 'mesure_lien', count(*) FROM mesure_lien
UNION ALL SELECT 'indicateur_commune', count(*) FROM indicateur_commune
UNION ALL SELECT 'commune_evolution_population', count(*) FROM commune_evolution_population
UNION ALL SELECT 'indicateur_territoire', count(*) FROM indicateur_territoire
UNION ALL SELECT 'indicateur_france', count(*) FROM indicateur_france
UNION ALL SELECT 'priorite', count(*) FROM priorite
UNION ALL SELECT 'indice_couverture', count(*) FROM indice_couverture;
