-- Published rows of each input entity (the « Données » page): one row per entity.
SELECT 'alliances' AS entite, count(*) AS lignes FROM alliance
UNION ALL SELECT 'crte', count(*) FROM crte
UNION ALL SELECT 'experimentations', count(*) FROM experimentation
UNION ALL SELECT 'catalyseurs', count(*) FROM catalyseur
UNION ALL SELECT 'mesures', count(*) FROM mesure
UNION ALL SELECT 'mesures_suivi', count(*) FROM mesure_suivi
UNION ALL SELECT 'indicateurs', count(*) FROM indicateur_commune;
