-- How a contract (a State programme's, a CRTE) covers a commune, over its rows of
-- programme_commune or crte_commune: 'commune' when the files name the commune itself (even
-- if its groupement is listed too), else the SIREN of the covering groupement. An aggregate
-- expression: call it in a GROUP BY query.
CREATE OR REPLACE MACRO via_principale(via) AS
    CASE WHEN bool_or(via = 'commune') THEN 'commune' ELSE min(via) END;
