-- Layout version of the published tables, written last by the run; read by app/entrepot_format.
CREATE OR REPLACE TABLE entrepot_format AS SELECT CAST($format AS VARCHAR) AS version;
