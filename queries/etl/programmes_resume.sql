-- Per programme of the ANCT files: contracts or sites, and communes covered (run summary).
SELECT p.code, p.libelle,
       (SELECT count(*) FROM programme_territoire t WHERE t.programme = p.code) AS territoires,
       (SELECT count(DISTINCT c.commune) FROM programme_commune c WHERE c.programme = p.code) AS communes
FROM programme p
ORDER BY p.code;
