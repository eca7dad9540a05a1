-- Catalyseurs territoriaux set up in the territory or covering part of it (one of its
-- communes, EPCI or départements), with their coordinates (WGS84).
WITH perimetre AS (FROM communes_du_territoire($niveau, $code)),
couvrent AS (
    SELECT DISTINCT ct.catalyseur
    FROM catalyseur_territoire ct
    WHERE (ct.niveau = 'commune' AND ct.code IN (SELECT code FROM perimetre))
       OR (ct.niveau = 'epci' AND ct.code IN (SELECT epci FROM perimetre))
       OR (ct.niveau = 'departement' AND ct.code IN (SELECT departement FROM perimetre))
)
SELECT k.id, k.nom, k.type_structure, k.commune, c.nom AS commune_nom, k.annee_adhesion,
       k.commune IN (SELECT code FROM perimetre) AS implante,
       k.id IN (SELECT catalyseur FROM couvrent) AS couvre,
       ST_X(k.geom) AS longitude, ST_Y(k.geom) AS latitude, k.demo
FROM catalyseur k
LEFT JOIN commune c ON c.code = k.commune
WHERE k.commune IN (SELECT code FROM perimetre) OR k.id IN (SELECT catalyseur FROM couvrent)
ORDER BY k.id;
