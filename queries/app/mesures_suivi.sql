-- Every progress review of the mesures (national when region is NULL), in date order.
SELECT s.mesure, s.date_point, s.statut, s.avancement, s.region, r.nom AS region_nom, s.commentaire, s.demo
FROM mesure_suivi s
LEFT JOIN region r ON r.code = s.region
ORDER BY s.mesure, s.date_point, s.region NULLS FIRST;
