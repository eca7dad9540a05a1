-- Years of the maturity history (indicateur_historique), from 2014 to the run's year (today's state).
SELECT DISTINCT annee
FROM indicateur_historique
ORDER BY annee;
