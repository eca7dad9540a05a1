-- Priority territories: fragile and of low maturity, ranked within each région.
-- priorite_score = fragilité × (100 − maturité) / 100; territories without both scores are left out.
-- An EPCI belongs to the région holding most of its population.
CREATE OR REPLACE TABLE priorite AS
WITH region_de AS (
    SELECT 'commune' AS niveau, code, region FROM commune
    UNION ALL
    SELECT 'departement', code, region FROM departement
    UNION ALL
    SELECT 'epci', epci, arg_max(region, coalesce(population, 0)) FROM commune WHERE epci IS NOT NULL GROUP BY epci
),
candidats AS (
    SELECT r.region, i.niveau, i.code, i.maturite_score, i.fragilite_score, i.maturite_classe,
           i.fragilite_score * (100 - i.maturite_score) / 100 AS priorite_score
    FROM indicateur_territoire i
    JOIN region_de r ON r.niveau = i.niveau AND r.code = i.code
    WHERE i.maturite_score IS NOT NULL AND i.fragilite_score IS NOT NULL
)
SELECT region, niveau, code,
       row_number() OVER (PARTITION BY region, niveau ORDER BY priorite_score DESC, code) AS rang,
       priorite_score, maturite_score, fragilite_score, maturite_classe
FROM candidats
ORDER BY region, niveau, rang;
