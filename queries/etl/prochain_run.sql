-- Identifier of this run: one more than the last run of the (carried-over) journal.
SELECT coalesce(max(run_id), 0) + 1 AS run_id FROM etl_runs;
