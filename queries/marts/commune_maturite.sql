-- Maturity of each commune today: raw measures, components (0–100) and score, computed by
-- the model of queries/macros/maturite (the yearly history, marts/indicateur_historique,
-- uses the same one). Reference date: the latest alliance start in the data (same input,
-- same output); actuel: every row of the data with its given status.
CREATE OR REPLACE TABLE commune_maturite AS
SELECT * EXCLUDE (annee)
FROM maturite_communes([{
    'annee': NULL::INTEGER,
    'jour': (SELECT coalesce(max(date_debut), DATE '2000-01-01') FROM alliance),
    'actuel': true
}])
ORDER BY code;
