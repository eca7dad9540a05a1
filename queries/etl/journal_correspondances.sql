-- Former commune codes this run mapped to current ones ($lignes: list of
-- {source, line, column, ancien_code, code_actuel}).
INSERT INTO etl_code_mappings BY NAME
SELECT $run_id AS run_id, unnest($lignes, recursive := true);
