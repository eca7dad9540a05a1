-- The mesures of the roadmap and, for each, its latest progress point for the région
-- $region: a regional point, or a national one (région empty). At equal dates the
-- regional point wins.
WITH points AS (
    SELECT s.*,
           row_number() OVER (PARTITION BY s.mesure ORDER BY s.date_point DESC, s.region IS NULL) AS rn
    FROM mesure_suivi s
    WHERE s.region IS NULL OR s.region = $region
)
SELECT m.id, m.libelle, m.chantier, m.chantier_libelle, m.levier, m.levier_libelle,
       p.date_point, p.statut, p.avancement,
       CASE WHEN p.date_point IS NULL THEN NULL WHEN p.region IS NULL THEN 'national' ELSE 'regional' END AS echelon,
       p.commentaire, m.demo OR coalesce(p.demo, false) AS demo
FROM mesure m
LEFT JOIN points p ON p.mesure = m.id AND p.rn = 1
ORDER BY m.id;
