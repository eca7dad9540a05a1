-- Progress points of the mesures as the mesures_suivi input file writes them (filled template).
SELECT mesure, date_point, statut, avancement, region, commentaire, demo
FROM mesure_suivi
ORDER BY mesure, date_point, region NULLS FIRST;
