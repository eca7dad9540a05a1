CREATE OR REPLACE TEMP VIEW stg_experimentations AS
SELECT
    CAST(id AS VARCHAR) AS id, CAST(intitule AS VARCHAR) AS intitule, CAST(porteur AS VARCHAR) AS porteur,
    CAST(echelle AS VARCHAR) AS echelle, CAST(commune AS VARCHAR) AS commune,
    CAST(departement AS VARCHAR) AS departement, CAST(montant AS DOUBLE) AS montant,
    CAST(annee AS INTEGER) AS annee, CAST(statut AS VARCHAR) AS statut, CAST(evaluation AS VARCHAR) AS evaluation,
    CAST(commentaire AS VARCHAR) AS commentaire, CAST(mesure AS VARCHAR[]) AS mesure,
    coalesce(CAST(demo AS BOOLEAN), false) AS demo, CAST(ligne AS INTEGER) AS ligne
FROM raw_experimentations;
