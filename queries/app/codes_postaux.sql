-- Postal codes of the current communes (optional table code_postal, loaded by the ETL).
SELECT code_postal, commune FROM code_postal ORDER BY code_postal, commune;
