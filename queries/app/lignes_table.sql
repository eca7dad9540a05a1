-- Rows of an optional table (one a newer run adds, such as programme_territoire), named by
-- atlas.provenance from its closed list after checking that the table exists. Such tables
-- hold real public data only: none of their rows is demonstration data.
SELECT count(*) AS lignes FROM query_table($table_name);
