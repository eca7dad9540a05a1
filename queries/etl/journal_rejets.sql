-- Rows this run rejected ($lignes: list of {source, line, column, value, reason}).
INSERT INTO etl_rejects BY NAME
SELECT $run_id AS run_id, unnest($lignes, recursive := true);
