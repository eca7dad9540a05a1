-- Maturity of one territory at 31 December of each year since 2014 (indicateur_historique).
SELECT annee, maturite_score, maturite_classe
FROM indicateur_historique
WHERE niveau = $niveau AND code = $code
ORDER BY annee;
