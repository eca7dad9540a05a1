CREATE TABLE alliance_odd AS
SELECT DISTINCT a.id AS alliance, u.odd
FROM stg_alliances a, unnest(a.odd) AS u(odd)
WHERE a.odd IS NOT NULL
ORDER BY 1, 2;
