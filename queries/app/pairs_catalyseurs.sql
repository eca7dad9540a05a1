-- The catalyseurs that animate the given communes (the peers whose alliances the commune
-- card shows): those located in one of them or whose declared territory covers it (the
-- commune, its EPCI or its département), with the communes they animate.
WITH cibles AS (
    SELECT c.code, c.nom, c.epci, c.departement FROM commune c WHERE list_contains($communes, c.code)
),
anime AS (
    SELECT k.id, ci.code, ci.nom
    FROM catalyseur k JOIN cibles ci ON ci.code = k.commune
    UNION
    SELECT t.catalyseur, ci.code, ci.nom
    FROM catalyseur_territoire t
    JOIN cibles ci
      ON (t.niveau = 'commune' AND t.code = ci.code)
      OR (t.niveau = 'epci' AND t.code = ci.epci)
      OR (t.niveau = 'departement' AND t.code = ci.departement)
)
SELECT k.id, k.nom, k.type_structure, k.commune, ck.nom AS commune_nom,
       list(DISTINCT a.nom ORDER BY a.nom) AS communes_animees
FROM anime a
JOIN catalyseur k ON k.id = a.id
LEFT JOIN commune ck ON ck.code = k.commune
GROUP BY ALL
ORDER BY k.nom, k.id;
