-- Publications of the warehouse, newest first (« Historique des publications », admins):
-- who published from the « Importer » page and which upload (NULL: command line).
SELECT run_id, started_at, finished_at, publie_par, depot, duration_s
FROM etl_runs
ORDER BY run_id DESC;
