-- The commune's indicators, the latest year of each (a value or a statistical secret), with
-- the file it comes from (NULL: our own indicators file) and the demo flag.
SELECT indicateur, annee, valeur, secret, source, demo
FROM indicateur_commune
WHERE commune = $code
QUALIFY row_number() OVER (PARTITION BY indicateur ORDER BY annee DESC) = 1
ORDER BY indicateur;
