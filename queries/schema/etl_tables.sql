-- Journal tables: created once, carried over from the previously published warehouse.
CREATE TABLE IF NOT EXISTS etl_runs (
    run_id        INTEGER PRIMARY KEY,
    started_at    TIMESTAMP NOT NULL,
    finished_at   TIMESTAMP,
    status        VARCHAR NOT NULL,      -- 'publié' for every run that reached the warehouse
    sources       JSON,                  -- [{name, version, path, sha256, licence}]
    row_counts    JSON,                  -- {table: rows}
    file_counts   JSON,                  -- {file: {read, loaded, rejected}}
    duration_s    DOUBLE,
    publie_par    VARCHAR,               -- account that published from the « Importer » page (NULL: command line)
    depot         VARCHAR                -- upload published (folder name under the import data folder)
);
CREATE TABLE IF NOT EXISTS etl_rejects (
    run_id   INTEGER NOT NULL,
    source   VARCHAR NOT NULL,
    line     INTEGER,
    "column" VARCHAR,
    value    VARCHAR,
    reason   VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS etl_anomalies (
    run_id  INTEGER NOT NULL,
    kind    VARCHAR NOT NULL,
    code    VARCHAR,
    detail  VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS etl_code_mappings (
    run_id      INTEGER NOT NULL,
    source      VARCHAR NOT NULL,
    line        INTEGER,
    "column"    VARCHAR,
    ancien_code VARCHAR NOT NULL,   -- code of a former (merged) commune found in the file
    code_actuel VARCHAR NOT NULL    -- current commune it was mapped to
);
CREATE TABLE IF NOT EXISTS etl_warnings (
    run_id  INTEGER NOT NULL,
    source  VARCHAR,                -- file the warning is about
    message VARCHAR NOT NULL        -- French text, as shown in the run summary
);
