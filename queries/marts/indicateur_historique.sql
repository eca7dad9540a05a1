-- Maturity of every commune, EPCI, département and région at 31 December of each year from
-- 2014 (creation of the network of catalyseurs) to the run's year, by the model of
-- queries/macros/maturite with only what was known at that date. The run's year is today's
-- state (commune_maturite), so its row equals indicateur_territoire. Higher levels are
-- population-weighted means of their communes, as in marts/indicateur_agrege.
CREATE OR REPLACE TABLE indicateur_historique AS
WITH commune_annee AS (
    SELECT annee, code, maturite_score
    FROM maturite_communes((
        SELECT list({'annee': y, 'jour': make_date(y, 12, 31), 'actuel': false} ORDER BY y)
        FROM range(2014, CAST($annee_courante AS INTEGER)) r(y)
    ))
    UNION ALL
    SELECT CAST($annee_courante AS INTEGER), code, maturite_score FROM commune_maturite
),
base AS (
    SELECT tc.niveau, tc.code, h.annee, h.maturite_score, greatest(coalesce(c.population, 0), 1) AS w
    FROM commune_annee h
    JOIN territoire_commune tc ON tc.commune = h.code
    JOIN commune c ON c.code = h.code
    WHERE tc.niveau <> 'france'
),
agg AS (
    SELECT niveau, code, annee,
           moyenne_ponderee(maturite_score, w) AS maturite_score,
           part_ponderee(maturite_score IS NOT NULL, w) AS part_donnees_suffisantes
    FROM base
    GROUP BY niveau, code, annee
)
SELECT niveau, code, annee, maturite_score,
       maturite_classe(maturite_score, part_donnees_suffisantes) AS maturite_classe
FROM agg
ORDER BY niveau, code, annee;
ALTER TABLE indicateur_historique ADD PRIMARY KEY (niveau, code, annee);
