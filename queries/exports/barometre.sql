-- The indicators of the mesures in the Baromètre's layout order (see atlas/barometre.py):
-- one row per indicator, zone (France first, then régions) and date.
SELECT indicateur, region, date_valeur, valeur_initiale, valeur_actuelle, cible, taux
FROM mesure_indicateur
ORDER BY indicateur, region NULLS FIRST, date_valeur;
