-- Départements of the territory (the département itself, or those of the région's communes),
-- with their maturity and fragility and their outline (WKB, WGS84): map borders and labels.
SELECT d.code, d.nom, d.population, i.maturite_score, i.maturite_classe, i.fragilite_score,
       ST_AsWKB(d.geom) AS geom_wkb
FROM departement d
LEFT JOIN indicateur_territoire i ON i.niveau = 'departement' AND i.code = d.code
WHERE d.code IN (SELECT departement FROM communes_du_territoire($niveau, $code))
ORDER BY d.code;
