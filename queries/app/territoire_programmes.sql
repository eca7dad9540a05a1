-- The State programmes present in one territory (any level): communes of the territory
-- they cover, out of all its communes, and their contracts or sites touching it.
WITH communes AS (SELECT code FROM communes_du_territoire($niveau, $code)),
couvertes AS (
    SELECT pc.programme, pc.id, pc.commune
    FROM programme_commune pc
    JOIN communes c ON c.code = pc.commune
)
SELECT p.code AS programme, p.libelle, p.url,
       count(DISTINCT cv.commune) AS communes,
       (SELECT count(*) FROM communes) AS communes_total,
       count(DISTINCT cv.id) AS contrats
FROM couvertes cv
JOIN programme p ON p.code = cv.programme
GROUP BY p.code, p.libelle, p.url
ORDER BY p.libelle, p.code;
