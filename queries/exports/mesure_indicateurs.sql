-- Every value of the indicators of the mesure $mesure, with the progress rate of the warehouse.
SELECT i.indicateur, i.libelle, i.unite, coalesce(r.nom, 'France') AS echelon, i.date_valeur,
       i.valeur_initiale, i.valeur_actuelle, i.cible, i.taux, i.demo
FROM mesure_indicateur i
LEFT JOIN region r ON r.code = i.region
WHERE i.mesure = $mesure
ORDER BY i.indicateur, i.region IS NOT NULL, r.nom, i.date_valeur;
