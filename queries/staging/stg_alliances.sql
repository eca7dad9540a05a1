-- Validated alliance rows (etl.domain.loader), typed.
CREATE OR REPLACE TEMP VIEW stg_alliances AS
SELECT
    CAST(id AS VARCHAR) AS id, CAST(intitule AS VARCHAR) AS intitule,
    CAST(date_debut AS DATE) AS date_debut, CAST(date_fin AS DATE) AS date_fin,
    CAST(statut AS VARCHAR) AS statut, CAST(communes AS VARCHAR[]) AS communes, CAST(epci AS VARCHAR) AS epci,
    CAST(types_partenaires AS VARCHAR[]) AS types_partenaires, CAST(forme AS VARCHAR) AS forme,
    CAST(odd AS INTEGER[]) AS odd, CAST(budget AS DOUBLE) AS budget, CAST(mesure AS VARCHAR[]) AS mesure,
    coalesce(CAST(demo AS BOOLEAN), false) AS demo, CAST(ligne AS INTEGER) AS ligne
FROM raw_alliances;
