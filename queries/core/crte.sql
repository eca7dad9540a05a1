-- Contrats de relance et de transition écologique; their perimeter is crte_epci and the
-- communes they cover crte_commune. One source: our crte.csv (stg_crte) or, when present,
-- the ANCT files (programme 'crte', atlas.programmes.CRTE): the folder loader refuses both.
-- An ANCT contract has no status column: 'signe' with a signature date, else 'non_renseigne'
-- (atlas.programmes.CRTE_STATUT_*).
CREATE TABLE crte AS
SELECT id, nom, date_signature, statut, demo
FROM stg_crte
UNION ALL
SELECT id, coalesce(nom, id), date_signature,
       CASE WHEN date_signature IS NOT NULL THEN 'signe' ELSE 'non_renseigne' END, false
FROM programme_territoire
WHERE programme = 'crte'
ORDER BY id;
ALTER TABLE crte ADD PRIMARY KEY (id);
