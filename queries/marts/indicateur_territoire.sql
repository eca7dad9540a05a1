-- Maturity and fragility of every commune, EPCI, département and région, with their
-- components (computed by indicateur_agrege, the one model for every level).
CREATE OR REPLACE TABLE indicateur_territoire AS
SELECT * FROM indicateur_agrege WHERE niveau <> 'france' ORDER BY niveau, code;
ALTER TABLE indicateur_territoire ADD PRIMARY KEY (niveau, code);
