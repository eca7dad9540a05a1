-- Warnings of this run's loading ($lignes: list of {source, message}).
INSERT INTO etl_warnings BY NAME
SELECT $run_id AS run_id, unnest($lignes, recursive := true);
