-- Number of the territory's alliances per form (every form of the data, zero included).
WITH concernees AS (
    SELECT DISTINCT ac.alliance
    FROM alliance_commune ac
    JOIN communes_du_territoire($niveau, $code) p ON p.code = ac.commune
),
formes AS (
    SELECT DISTINCT forme FROM alliance
)
SELECT f.forme, count(a.id) AS alliances
FROM formes f
LEFT JOIN alliance a ON a.forme = f.forme AND a.id IN (SELECT alliance FROM concernees)
GROUP BY f.forme
ORDER BY alliances DESC, f.forme;
