-- One mesure of the referential ($mesure), or no row.
SELECT id, libelle, chantier, chantier_libelle, levier, levier_libelle, demo
FROM mesure
WHERE id = $mesure;
