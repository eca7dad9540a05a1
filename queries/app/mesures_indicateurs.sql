-- Every value of the indicators of the mesures (national when region is NULL), in date order.
SELECT i.mesure, i.indicateur, i.libelle, i.unite, i.region, r.nom AS region_nom, i.date_valeur,
       i.valeur_initiale, i.valeur_actuelle, i.cible, i.taux_brut, i.taux, i.demo
FROM mesure_indicateur i
LEFT JOIN region r ON r.code = i.region
ORDER BY i.mesure, i.indicateur, i.region NULLS FIRST, i.date_valeur;
