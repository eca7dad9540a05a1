-- EPCI as read from the boundaries source (code, name, legal form).
CREATE OR REPLACE TEMP VIEW stg_epci AS
SELECT CAST(code AS VARCHAR) AS code, CAST(nom AS VARCHAR) AS nom, CAST(nature AS VARCHAR) AS nature
FROM raw_epci;
