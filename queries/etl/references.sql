-- What domain codes may point to, read from the boundaries tables of the run: one row per
-- code of each set ('communes', 'epci', 'departements', 'regions'), and for the sets that
-- map a code to a current commune ('historique': former communes that are not current
-- ones, 'arrondissements': municipal arrondissements) the commune in `cible`.
SELECT 'communes' AS ensemble, code, NULL::VARCHAR AS cible FROM commune
UNION ALL
SELECT 'historique', ancien_code, code_actuel
FROM commune_historique
WHERE ancien_code NOT IN (SELECT code FROM commune)
UNION ALL
SELECT 'arrondissements', code, commune FROM arrondissement_municipal
UNION ALL
SELECT 'epci', code, NULL FROM epci
UNION ALL
SELECT 'departements', code, NULL FROM departement
UNION ALL
SELECT 'regions', code, NULL FROM region;
