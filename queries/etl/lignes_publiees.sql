-- Rows of each table of the published warehouse: the row_counts of its last run (etl_runs is
-- carried over before this run writes its own row), the publication guard's reference.
SELECT row_counts FROM etl_runs ORDER BY run_id DESC LIMIT 1;
