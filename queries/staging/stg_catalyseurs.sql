CREATE OR REPLACE TEMP VIEW stg_catalyseurs AS
SELECT
    CAST(id AS VARCHAR) AS id, CAST(nom AS VARCHAR) AS nom, CAST(type_structure AS VARCHAR) AS type_structure,
    CAST(commune AS VARCHAR) AS commune, CAST(latitude AS DOUBLE) AS latitude, CAST(longitude AS DOUBLE) AS longitude,
    CAST(territoire_communes AS VARCHAR[]) AS territoire_communes,
    CAST(territoire_epci AS VARCHAR[]) AS territoire_epci,
    CAST(territoire_departements AS VARCHAR[]) AS territoire_departements,
    CAST(annee_adhesion AS INTEGER) AS annee_adhesion,
    CAST(email AS VARCHAR) AS email, CAST(telephone AS VARCHAR) AS telephone, CAST(site AS VARCHAR) AS site,
    CAST(mesure AS VARCHAR[]) AS mesure,
    coalesce(CAST(demo AS BOOLEAN), false) AS demo, CAST(ligne AS INTEGER) AS ligne
FROM raw_catalyseurs;
