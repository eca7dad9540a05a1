-- Alliances d'intérêt général, one row each (where they act: alliance_commune, partners: alliance_partenaire).
CREATE TABLE alliance AS
SELECT id, intitule, date_debut, date_fin, statut, epci, forme, budget, demo
FROM stg_alliances
ORDER BY id;
ALTER TABLE alliance ADD PRIMARY KEY (id);
