-- « Ce qui marche chez des territoires comme le vôtre »: the alliances acting in the peers of
-- one territory ($niveau 'commune' or 'epci', $code) whose maturity score is higher than its
-- own (or whatever it is, when it has none): at most $par_pair per peer (the newest), the
-- more mature peers first; with their partner kinds and ODD (codes; labels are added by the
-- dashboard). ``commune``/``commune_nom`` name the peer (a commune, or an EPCI).
WITH moi AS (
    SELECT maturite_score FROM indicateur_territoire WHERE niveau = $niveau AND code = $code
),
pairs AS (
    SELECT p.pair, p.rang, i.maturite_score
    FROM territoire_pair p
    JOIN indicateur_territoire i ON i.niveau = $niveau AND i.code = p.pair
    WHERE p.niveau = $niveau AND p.code = $code
      AND i.maturite_score > coalesce((SELECT maturite_score FROM moi), -1)
),
une_fois AS (
    -- an alliance acting in several peers is shown once, at the most mature of them
    SELECT a.*, ac.via, pr.pair, pr.rang, pr.maturite_score
    FROM pairs pr
    JOIN territoire_commune tc ON tc.niveau = $niveau AND tc.code = pr.pair
    JOIN alliance_commune ac ON ac.commune = tc.commune
    JOIN alliance a ON a.id = ac.alliance
    QUALIFY row_number() OVER (PARTITION BY a.id ORDER BY pr.maturite_score DESC, pr.rang, ac.via) = 1
),
par_pair AS (
    SELECT * FROM une_fois
    QUALIFY row_number() OVER (PARTITION BY pair ORDER BY date_debut DESC, id) <= $par_pair
)
SELECT a.id, a.intitule, a.date_debut, a.date_fin, a.statut, a.forme, a.budget, a.via, e.nom AS epci_nom,
       a.pair AS commune, t.nom AS commune_nom,
       (SELECT list(p.type_partenaire ORDER BY p.type_partenaire) FROM alliance_partenaire p WHERE p.alliance = a.id) AS partenaires,
       (SELECT list(o.odd ORDER BY o.odd) FROM alliance_odd o WHERE o.alliance = a.id) AS odd
FROM par_pair a
JOIN territoire t ON t.niveau = $niveau AND t.code = a.pair
LEFT JOIN epci e ON e.code = a.epci
ORDER BY a.maturite_score DESC, a.rang, a.date_debut DESC, a.id
LIMIT $limite;
