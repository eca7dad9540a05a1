-- Sources of the run that published the warehouse attached as previous (JSON list).
SELECT sources FROM previous.etl_runs ORDER BY run_id DESC LIMIT 1;
