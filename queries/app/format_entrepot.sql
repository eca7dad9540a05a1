-- Layout version of the published tables (etl.warehouse.FORMAT_VERSION at build time).
SELECT version FROM entrepot_format;
