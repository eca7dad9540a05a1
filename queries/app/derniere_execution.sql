-- The run that published the warehouse: its dates and its sources (names, versions,
-- checksums, and the "demo" flag of demonstration data), shown as the data's vintage.
SELECT run_id, started_at, finished_at, status, sources
FROM etl_runs
ORDER BY (status = 'publié') DESC, run_id DESC
LIMIT 1;
