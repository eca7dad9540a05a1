-- One row per commune of the territory and contract or site of a State programme covering it
-- (how: the commune itself, or the SIREN of its groupement), with the commune's outline
-- (WKB, WGS84): the « programmes » layer of the GIS export.
WITH perimetre AS (FROM communes_du_territoire($niveau, $code)),
contrats AS (
    SELECT pc.commune, pc.programme, pc.id,
           via_principale(pc.via) AS via
    FROM programme_commune pc
    JOIN perimetre c ON c.code = pc.commune
    GROUP BY pc.commune, pc.programme, pc.id
)
SELECT c.code, c.nom, k.programme, p.libelle AS programme_libelle, k.id AS contrat, t.nom AS contrat_nom,
       t.date_signature, k.via, t.source, ST_AsWKB(c.geom) AS geom_wkb
FROM contrats k
JOIN perimetre c ON c.code = k.commune
JOIN programme p ON p.code = k.programme
LEFT JOIN programme_territoire t ON t.programme = k.programme AND t.id = k.id
ORDER BY c.code, p.libelle, k.id;
