-- The last published run and its sources (for the data vintage shown to users).
SELECT run_id, started_at, finished_at, sources
FROM etl_runs
ORDER BY run_id DESC
LIMIT 1;
