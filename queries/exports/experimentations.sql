-- Experiments of the Fonds ODD 17 located in the territory: in one of its communes or
-- carried at the scale of one of its départements.
WITH perimetre AS (FROM communes_du_territoire($niveau, $code))
SELECT x.id, x.intitule, x.porteur, x.echelle, x.commune, c.nom AS commune_nom, x.departement,
       x.montant, x.annee, x.statut, x.evaluation, x.commentaire, x.demo
FROM experimentation x
LEFT JOIN commune c ON c.code = x.commune
WHERE x.commune IN (SELECT code FROM perimetre)
   OR x.departement IN (SELECT DISTINCT departement FROM perimetre)
ORDER BY x.id;
