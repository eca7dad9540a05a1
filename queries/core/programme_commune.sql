-- Communes covered by each contract or site: named by the files (via = 'commune'), or
-- member of an EPCI of its groupements (via = the SIREN of that EPCI; every commune of the
-- EPCI is covered). A commune both named and member of a listed EPCI has both rows.
CREATE TABLE programme_commune AS
SELECT DISTINCT programme, id, commune, via
FROM (
    SELECT programme, id, commune, 'commune' AS via FROM stg_programme_commune
    UNION ALL
    SELECT g.programme, g.id, c.code, g.epci
    FROM stg_programme_groupement g JOIN commune c ON c.epci = g.epci
)
ORDER BY programme, id, commune, via;
ALTER TABLE programme_commune ADD PRIMARY KEY (programme, id, commune, via);
