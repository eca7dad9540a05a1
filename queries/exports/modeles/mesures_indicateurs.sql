-- Indicators of the mesures as the mesures_indicateurs input file writes them (filled template).
-- Values read from Baromètre files are included: the template is the starting point of an update.
SELECT mesure, indicateur, libelle, unite, region, date_valeur, valeur_initiale, valeur_actuelle, cible, demo
FROM mesure_indicateur
ORDER BY mesure, indicateur, region NULLS FIRST, date_valeur;
