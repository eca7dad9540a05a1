-- Every point d'étape of the mesure $mesure: national ones first, then by région and date.
SELECT s.date_point, coalesce(r.nom, 'France') AS echelon, s.statut, s.avancement, s.commentaire, s.demo
FROM mesure_suivi s
LEFT JOIN region r ON r.code = s.region
WHERE s.mesure = $mesure
ORDER BY s.region IS NOT NULL, r.nom, s.date_point;
