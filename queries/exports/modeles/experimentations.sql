-- Expérimentations as the experimentations input file writes them (filled template).
SELECT x.id, x.intitule, x.porteur, x.echelle, x.commune, x.departement, x.montant, x.annee, x.statut,
       x.evaluation, x.commentaire,
       (SELECT list(l.mesure ORDER BY l.mesure) FROM mesure_lien l
        WHERE l.entite = 'experimentation' AND l.id = x.id) AS mesure,
       x.demo
FROM experimentation x
ORDER BY x.id;
