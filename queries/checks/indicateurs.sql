-- Every territory has its indicators, and scores stay within 0–100.
SELECT 'territoire sans indicateurs' AS probleme, t.niveau || ' ' || t.code AS detail
FROM territoire t
LEFT JOIN indicateur_territoire i ON i.niveau = t.niveau AND i.code = t.code
WHERE i.code IS NULL
UNION ALL
SELECT 'score hors de 0-100', niveau || ' ' || code
FROM indicateur_territoire
WHERE maturite_score NOT BETWEEN 0 AND 100 OR fragilite_score NOT BETWEEN 0 AND 100;
