-- Anomalies of this run ($lignes: list of {kind, code, detail}).
INSERT INTO etl_anomalies BY NAME
SELECT $run_id AS run_id, unnest($lignes, recursive := true);
