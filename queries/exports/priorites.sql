-- The territory's $limite priority communes: fragile and of low maturity
-- (priorite_score = fragilité × (100 − maturité) / 100, see marts/priorite), ranked within the territory.
SELECT row_number() OVER (ORDER BY p.priorite_score DESC, p.code) AS rang,
       c.code, c.nom, c.departement, e.nom AS epci_nom, c.population,
       p.priorite_score, p.maturite_score, p.fragilite_score, p.maturite_classe
FROM priorite p
JOIN communes_du_territoire($niveau, $code) c ON c.code = p.code
LEFT JOIN epci e ON e.code = c.epci
WHERE p.niveau = 'commune'
ORDER BY rang
LIMIT $limite;
