-- Expérimentations as the experimentations input file writes them (filled template).
SELECT id, intitule, porteur, echelle, commune, departement, montant, annee, statut,
       evaluation, commentaire, demo
FROM experimentation
ORDER BY id;
