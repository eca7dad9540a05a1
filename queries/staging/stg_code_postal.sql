-- Postal codes and the communes they serve, as read from the boundaries source.
CREATE OR REPLACE TEMP VIEW stg_code_postal AS
SELECT CAST(code_postal AS VARCHAR) AS code_postal, CAST(commune AS VARCHAR) AS commune
FROM raw_code_postal;
