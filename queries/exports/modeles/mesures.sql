-- The mesures referential as the mesures input file writes it (filled template).
SELECT id, libelle, chantier, chantier_libelle, levier, levier_libelle, demo
FROM mesure
ORDER BY id;
