-- Priority territories: fragile and of low maturity, ranked within each région.
-- priorite_score = fragilité × (100 − maturité) / 100; territories without both scores are left out.
-- Communes, EPCI and départements are ranked within their région (marts/territoire).
CREATE OR REPLACE TABLE priorite AS
WITH candidats AS (
    SELECT r.region, i.niveau, i.code, i.maturite_score, i.fragilite_score, i.maturite_classe,
           i.fragilite_score * (100 - i.maturite_score) / 100 AS priorite_score
    FROM indicateur_territoire i
    JOIN territoire r ON r.niveau = i.niveau AND r.code = i.code
    WHERE i.niveau <> 'region' AND i.maturite_score IS NOT NULL AND i.fragilite_score IS NOT NULL
)
SELECT region, niveau, code,
       row_number() OVER (PARTITION BY region, niveau ORDER BY priorite_score DESC, code) AS rang,
       priorite_score, maturite_score, fragilite_score, maturite_classe
FROM candidats
ORDER BY region, niveau, rang;
