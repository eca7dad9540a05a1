-- Distribution of the territory's communes among the maturity classes (all of them, zero included).
-- $classes: the class codes in display order (atlas.vocabulary.MATURITY_CLASSES).
WITH classes AS (
    SELECT unnest(CAST($classes AS VARCHAR[])) AS classe, unnest(range(1, len($classes) + 1)) AS ordre
)
SELECT k.classe, count(p.code) AS communes, coalesce(sum(p.population), 0) AS population
FROM classes k
LEFT JOIN indicateur_territoire i ON i.niveau = 'commune' AND i.maturite_classe = k.classe
LEFT JOIN communes_du_territoire($niveau, $code) p ON p.code = i.code
GROUP BY k.classe, k.ordre
ORDER BY k.ordre;
