-- State programmes in the territory: one row per contract or site covering at least one of
-- its communes, with the communes it covers there (codes) and the ANCT file it comes from.
WITH perimetre AS (SELECT code FROM communes_du_territoire($niveau, $code)),
couvertes AS (
    SELECT DISTINCT pc.programme, pc.id, pc.commune
    FROM programme_commune pc
    JOIN perimetre c ON c.code = pc.commune
)
SELECT p.code AS programme, p.libelle AS programme_libelle, cv.id, t.nom, t.date_signature,
       count(*) AS communes_couvertes, list(cv.commune ORDER BY cv.commune) AS communes,
       t.source, p.url
FROM couvertes cv
JOIN programme p ON p.code = cv.programme
LEFT JOIN programme_territoire t ON t.programme = cv.programme AND t.id = cv.id
GROUP BY ALL
ORDER BY p.libelle, p.code, cv.id;
