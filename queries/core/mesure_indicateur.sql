-- Indicators of the mesures at each date (mesures_indicateurs file and Baromètre files), national (region NULL) or for one région, with
-- their progress rate towards the target (the one definition of it, see docs/schemas-donnees.md;
-- DuckDB's greatest/least skip NULLs, hence the CASE):
--   taux_brut = (actuelle - initiale) / (cible - initiale)
--   taux      = taux_brut capped to [0, 1] (a value past the target counts as 100 %, a value
--               that moved away from it as 0 %)
-- Both are NULL when one of the three values is missing, or when the target equals the
-- initial value (nothing to progress towards: the rate is not defined).
CREATE TABLE mesure_indicateur AS
SELECT mesure, indicateur, libelle, unite, region, date_valeur, valeur_initiale, valeur_actuelle, cible,
       taux_brut, CASE WHEN taux_brut IS NOT NULL THEN greatest(0.0, least(1.0, taux_brut)) END AS taux, demo
FROM (
    SELECT *,
           CASE WHEN cible <> valeur_initiale
                THEN (valeur_actuelle - valeur_initiale) / (cible - valeur_initiale) END AS taux_brut
    FROM (
        SELECT mesure, indicateur, libelle, unite, region, date_valeur, valeur_initiale, valeur_actuelle, cible, demo
        FROM stg_mesures_indicateurs
        UNION ALL
        SELECT mesure, indicateur, libelle, unite, region, date_valeur, valeur_initiale, valeur_actuelle, cible, demo
        FROM stg_barometre
    )
)
ORDER BY mesure, indicateur, region NULLS FIRST, date_valeur;
