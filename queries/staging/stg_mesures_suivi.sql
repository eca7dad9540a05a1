CREATE OR REPLACE TEMP VIEW stg_mesures_suivi AS
SELECT
    CAST(mesure AS VARCHAR) AS mesure, CAST(date_point AS DATE) AS date_point, CAST(statut AS VARCHAR) AS statut,
    CAST(avancement AS INTEGER) AS avancement, CAST(region AS VARCHAR) AS region,
    CAST(commentaire AS VARCHAR) AS commentaire,
    coalesce(CAST(demo AS BOOLEAN), false) AS demo, CAST(ligne AS INTEGER) AS ligne
FROM raw_mesures_suivi;
