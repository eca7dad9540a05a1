-- For every territory of one level: its number of communes, and for each State programme
-- present in it, the number of its communes the programme covers (programme NULL when none).
WITH totaux AS (
    SELECT code, count(*) AS communes_total
    FROM territoire_commune
    WHERE niveau = $niveau
    GROUP BY code
),
couvertes AS (
    SELECT tc.code, pc.programme, count(DISTINCT tc.commune) AS communes
    FROM territoire_commune tc
    JOIN programme_commune pc ON pc.commune = tc.commune
    WHERE tc.niveau = $niveau
    GROUP BY tc.code, pc.programme
)
SELECT t.code, t.communes_total, c.programme, coalesce(c.communes, 0) AS communes
FROM totaux t
LEFT JOIN couvertes c ON c.code = t.code
ORDER BY t.code, c.programme;
