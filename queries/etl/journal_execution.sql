-- The run itself, written last: sources, row counts, file counts (JSON) and duration.
INSERT INTO etl_runs (run_id, started_at, finished_at, status, sources, row_counts, file_counts, duration_s)
VALUES ($run_id, $started_at, $finished_at, 'publié', $sources, $row_counts, $file_counts, $duration_s);
