-- One row per contract or site of a programme. Its name and signature date come from the
-- list of contracts when the programme publishes one, else from its groupements, else from
-- its communes (rang); among rows of one table, the first name and the oldest date. A
-- contract no file names (Petites villes de demain publishes no lib_pvd) is named after the
-- communes the files list for it. source = the file that named it first by that order.
CREATE TABLE programme_territoire AS
WITH lu AS (
    SELECT programme, id,
           first(nom ORDER BY rang, fichier, ligne) FILTER (WHERE nom IS NOT NULL) AS nom,
           first(date_signature ORDER BY rang, date_signature) FILTER (WHERE date_signature IS NOT NULL)
               AS date_signature,
           first(fichier ORDER BY rang, fichier, ligne) AS source
    FROM stg_programme_territoire
    GROUP BY programme, id
),
communes AS (
    SELECT pc.programme, pc.id, string_agg(DISTINCT c.nom, ', ' ORDER BY c.nom) AS noms
    FROM stg_programme_commune pc JOIN commune c ON c.code = pc.commune
    GROUP BY pc.programme, pc.id
)
SELECT lu.programme, lu.id, coalesce(lu.nom, communes.noms) AS nom, lu.date_signature, lu.source
FROM lu LEFT JOIN communes USING (programme, id)
ORDER BY lu.programme, lu.id;
ALTER TABLE programme_territoire ADD PRIMARY KEY (programme, id);
