-- Number of the territory's alliances serving each ODD (1 to 17, zero included).
WITH concernees AS (
    SELECT DISTINCT ac.alliance
    FROM alliance_commune ac
    JOIN communes_du_territoire($niveau, $code) p ON p.code = ac.commune
)
SELECT n.odd, count(DISTINCT o.alliance) AS alliances
FROM (SELECT unnest(range(1, 18))::INTEGER AS odd) n
LEFT JOIN alliance_odd o ON o.odd = n.odd AND o.alliance IN (SELECT alliance FROM concernees)
GROUP BY n.odd
ORDER BY n.odd;
