-- The catalyseurs that animate the given peers ($niveau 'commune' or 'epci', $pairs: the codes
-- of the peers whose alliances the card shows): those located in a commune of a peer or whose
-- declared territory covers one (the commune, its EPCI or its département), with the names of
-- the peers they animate.
WITH cibles AS (
    SELECT t.nom AS pair_nom, c.code, c.epci, c.departement
    FROM territoire_commune tc
    JOIN territoire t ON t.niveau = tc.niveau AND t.code = tc.code
    JOIN commune c ON c.code = tc.commune
    WHERE tc.niveau = $niveau AND list_contains($pairs, tc.code)
),
anime AS (
    SELECT k.id, ci.pair_nom
    FROM catalyseur k JOIN cibles ci ON ci.code = k.commune
    UNION
    SELECT t.catalyseur, ci.pair_nom
    FROM catalyseur_territoire t
    JOIN cibles ci
      ON (t.niveau = 'commune' AND t.code = ci.code)
      OR (t.niveau = 'epci' AND t.code = ci.epci)
      OR (t.niveau = 'departement' AND t.code = ci.departement)
)
SELECT k.id, k.nom, k.type_structure, k.commune, ck.nom AS commune_nom,
       list(DISTINCT a.pair_nom ORDER BY a.pair_nom) AS pairs_animes
FROM anime a
JOIN catalyseur k ON k.id = a.id
LEFT JOIN commune ck ON ck.code = k.commune
GROUP BY ALL
ORDER BY k.nom, k.id;
