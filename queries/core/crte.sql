-- Contrats de relance et de transition écologique; their perimeter is crte_epci.
CREATE TABLE crte AS
SELECT id, nom, date_signature, statut, demo
FROM stg_crte
ORDER BY id;
ALTER TABLE crte ADD PRIMARY KEY (id);
