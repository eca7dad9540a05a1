-- Priority communes of a région (and optionally of one of its départements), or of an EPCI
-- ($region NULL, $epci set: an EPCI may straddle régions): fragile and of low maturity,
-- best ranked first.
SELECT p.rang, p.code, c.nom, c.departement, c.population, p.priorite_score,
       p.maturite_score, p.maturite_classe, p.fragilite_score
FROM priorite p
JOIN commune c ON c.code = p.code
WHERE p.niveau = 'commune'
  AND ($region IS NULL OR p.region = $region)
  AND ($departement IS NULL OR c.departement = $departement)
  AND ($epci IS NULL OR c.epci = $epci)
ORDER BY p.priorite_score DESC, p.code
LIMIT $limite;
