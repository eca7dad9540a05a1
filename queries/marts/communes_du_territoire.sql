-- The communes of one territory (every column of commune): the perimeter of the export
-- queries, FROM communes_du_territoire($niveau, $code). A table macro kept in the warehouse,
-- over territoire_commune (created just before it: a table macro binds its tables).
CREATE OR REPLACE MACRO communes_du_territoire(niveau_territoire, code_territoire) AS TABLE
SELECT c.*
FROM territoire_commune tc
JOIN commune c ON c.code = tc.commune
WHERE tc.niveau = niveau_territoire AND tc.code = code_territoire;
