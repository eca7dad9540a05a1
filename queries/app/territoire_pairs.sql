-- The peers of one territory (territoire_pair), nearest first, with their name, population
-- and maturity.
SELECT p.rang, p.pair AS code, t.nom, t.population, p.distance, i.maturite_score, i.maturite_classe
FROM territoire_pair p
JOIN territoire t ON t.niveau = p.niveau AND t.code = p.pair
LEFT JOIN indicateur_territoire i ON i.niveau = p.niveau AND i.code = p.pair
WHERE p.niveau = $niveau AND p.code = $code
ORDER BY p.rang;
