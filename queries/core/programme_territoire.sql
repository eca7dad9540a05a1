-- One row per contract or site of a programme. Its name and signature date come from the
-- list of contracts when the programme publishes one, else from its groupements, else from
-- its communes (rang); among rows of one table, the first name and the oldest date.
-- source = the file that named it first by that order.
CREATE TABLE programme_territoire AS
SELECT programme, id,
       first(nom ORDER BY rang, fichier, ligne) FILTER (WHERE nom IS NOT NULL) AS nom,
       first(date_signature ORDER BY rang, date_signature) FILTER (WHERE date_signature IS NOT NULL)
           AS date_signature,
       first(fichier ORDER BY rang, fichier, ligne) AS source
FROM stg_programme_territoire
GROUP BY programme, id
ORDER BY programme, id;
ALTER TABLE programme_territoire ADD PRIMARY KEY (programme, id);
