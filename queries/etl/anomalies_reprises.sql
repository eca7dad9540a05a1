-- Boundary anomalies the published run found, still true of the boundaries it keeps.
SELECT kind, code, detail
FROM previous.etl_anomalies
WHERE run_id = (SELECT max(run_id) FROM previous.etl_runs)
  AND kind IN ('geometrie_absente', 'geometrie_reconstruite', 'zone_non_couverte');
