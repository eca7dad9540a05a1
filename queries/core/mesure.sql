-- The referential of the national roadmap's mesures (labels are data).
CREATE TABLE mesure AS
SELECT id, libelle, chantier, chantier_libelle, levier, levier_libelle, demo
FROM stg_mesures
ORDER BY id;
ALTER TABLE mesure ADD PRIMARY KEY (id);
