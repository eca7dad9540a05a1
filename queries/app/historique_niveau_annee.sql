-- Maturity score and class of every territory of one level at 31 December of one year
-- (indicateur_historique): the map's maturity layer for that year.
SELECT code, maturite_score, maturite_classe
FROM indicateur_historique
WHERE niveau = $niveau AND annee = $annee
ORDER BY code;
