-- Commune indicators as the indicateurs input file writes them (filled template).
SELECT commune, indicateur, annee, valeur, demo
FROM indicateur_commune
ORDER BY commune, indicateur, annee;
