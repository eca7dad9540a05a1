-- Dated status updates of each mesure, national (region NULL) or for one région.
CREATE TABLE mesure_suivi AS
SELECT mesure, date_point, statut, avancement, region, commentaire, demo
FROM stg_mesures_suivi
ORDER BY mesure, date_point, region NULLS FIRST;
