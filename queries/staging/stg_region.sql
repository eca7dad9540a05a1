-- Régions as read from the boundaries source.
CREATE OR REPLACE TEMP VIEW stg_region AS
SELECT CAST(code AS VARCHAR) AS code, CAST(nom AS VARCHAR) AS nom
FROM raw_region;
