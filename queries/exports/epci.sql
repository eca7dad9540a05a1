-- EPCI with at least one commune in the territory, with their indicators (computed on the
-- whole EPCI), how many of their communes lie in the territory, and their outline (WKB, WGS84).
WITH presence AS (
    SELECT epci, count(*) AS communes_dans_territoire
    FROM communes_du_territoire($niveau, $code)
    WHERE epci IS NOT NULL
    GROUP BY epci
)
SELECT e.code, e.nom, e.nature, e.population, e.superficie_km2,
       i.communes, p.communes_dans_territoire,
       i.maturite_score, i.maturite_classe, i.fragilite_score,
       i.alliances_nombre, i.alliances_pour_10000, i.crte_couverture,
       i.catalyseur_distance_km, i.isolement_km,
       ST_AsWKB(e.geom) AS geom_wkb
FROM presence p
JOIN epci e ON e.code = p.epci
LEFT JOIN indicateur_territoire i ON i.niveau = 'epci' AND i.code = e.code
ORDER BY e.code;
