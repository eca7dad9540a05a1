-- Number of territories of one level in each maturity class, year by year (indicateur_historique);
-- a territory without a class counts under NULL.
SELECT annee, maturite_classe, count(*) AS territoires
FROM indicateur_historique
WHERE niveau = $niveau
GROUP BY annee, maturite_classe
ORDER BY annee, maturite_classe;
