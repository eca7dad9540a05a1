-- The run itself, written last: sources, row counts, file counts (JSON), duration, and who
-- published it from which upload (web import; NULL from the command line).
INSERT INTO etl_runs (run_id, started_at, finished_at, status, sources, row_counts, file_counts, duration_s,
                      publie_par, depot)
VALUES ($run_id, $started_at, $finished_at, 'publié', $sources, $row_counts, $file_counts, $duration_s,
        $publie_par, $depot);
