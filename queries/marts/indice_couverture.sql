-- What the indices could be computed from, for the run summary and the journal: for each
-- fragility component with a weight, the communes that have a value (0: the component is
-- ignored everywhere); then the communes per maturity class and those without a fragility score;
-- then, per indicator, the communes with a value and those with a value under statistical secret.
CREATE OR REPLACE TABLE indice_couverture AS
SELECT 'fragilite_composante' AS mesure, p.composante AS cle, count(f.commune) AS communes
FROM fragilite_parametre p
LEFT JOIN commune_fragilite f ON f.composante = p.composante
GROUP BY p.composante
UNION ALL
SELECT 'maturite_classe', maturite_classe, count(*)
FROM indicateur_territoire WHERE niveau = 'commune'
GROUP BY maturite_classe
UNION ALL
SELECT 'fragilite_sans_score', 'communes', count(*)
FROM indicateur_territoire WHERE niveau = 'commune' AND fragilite_score IS NULL
UNION ALL
SELECT 'indicateur_valeurs', indicateur, count(DISTINCT commune)
FROM indicateur_commune WHERE NOT secret GROUP BY indicateur
UNION ALL
SELECT 'indicateur_secrets', indicateur, count(DISTINCT commune)
FROM indicateur_commune WHERE secret GROUP BY indicateur
ORDER BY mesure, cle;
