-- Layout version of the published tables (atlas.warehouse.FORMAT_VERSION at build time),
-- written by schema/entrepot_format and checked by every reader (atlas.warehouse.check_format).
SELECT version FROM entrepot_format;
