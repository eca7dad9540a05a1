-- Layout version of the published tables, checked by every reader (etl.warehouse.check_format).
CREATE OR REPLACE TABLE entrepot_format AS SELECT CAST($format AS VARCHAR) AS version;
