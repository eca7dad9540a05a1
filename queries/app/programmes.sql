-- The catalogue of the State programmes the warehouse holds, with how many communes each covers.
SELECT p.code, p.libelle, p.description, p.url,
       (SELECT count(DISTINCT pc.commune) FROM programme_commune pc WHERE pc.programme = p.code) AS communes
FROM programme p
ORDER BY p.libelle, p.code;
