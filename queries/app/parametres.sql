-- Parameters of the indices used by the run that built the warehouse (atlas.parameters).
SELECT section, cle, valeur
FROM parametres
ORDER BY ordre;
