-- The referential of the mesures.
SELECT id, libelle, chantier, chantier_libelle, levier, levier_libelle, demo
FROM mesure
ORDER BY id;
