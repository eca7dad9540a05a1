-- Tables present in the warehouse (optional ones, such as code_postal, may be missing).
SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY 1;
