-- The indicators of the territory's communes, the latest year of each (a value or a
-- statistical secret), with the file it comes from (NULL: our own indicators file).
SELECT i.commune, i.indicateur, i.annee, i.valeur, i.secret, i.source, i.demo
FROM indicateur_commune i
JOIN communes_du_territoire($niveau, $code) c ON c.code = i.commune
QUALIFY row_number() OVER (PARTITION BY i.commune, i.indicateur ORDER BY i.annee DESC) = 1
ORDER BY i.commune, i.indicateur;
