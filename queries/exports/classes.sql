-- Distribution of the territory's communes among the maturity classes (all five, zero included).
WITH classes(classe, ordre) AS (
    VALUES ('pionnier', 1), ('actif', 2), ('premiers_pas', 3), ('en_questionnement', 4),
           ('donnees_insuffisantes', 5)
)
SELECT k.classe, count(p.code) AS communes, coalesce(sum(p.population), 0) AS population
FROM classes k
LEFT JOIN indicateur_territoire i ON i.niveau = 'commune' AND i.maturite_classe = k.classe
LEFT JOIN communes_du_territoire($niveau, $code) p ON p.code = i.code
GROUP BY k.classe, k.ordre
ORDER BY k.ordre;
