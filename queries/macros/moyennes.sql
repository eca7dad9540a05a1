-- Population-weighted means, used by marts/indicateur_agrege to aggregate communes into
-- territories and kept in the warehouse for analysts. Aggregate expressions: call them in
-- a GROUP BY query, with poids the weight of each row.

-- Mean of valeur over the rows where retenue holds (numerator and denominator alike).
CREATE OR REPLACE MACRO moyenne_ponderee_si(valeur, poids, retenue) AS
    sum(poids * valeur) FILTER (WHERE retenue) / sum(poids) FILTER (WHERE retenue);

-- Mean of valeur over the rows where it is known.
CREATE OR REPLACE MACRO moyenne_ponderee(valeur, poids) AS
    moyenne_ponderee_si(valeur, poids, valeur IS NOT NULL);

-- Share (0–1) of the total weight held by the rows where condition holds (NULL if none).
CREATE OR REPLACE MACRO part_ponderee(condition, poids) AS
    sum(poids) FILTER (WHERE condition) / sum(poids);
