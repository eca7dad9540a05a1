-- What happens in a territory (any level): alliances, signed CRTE, experiments,
-- catalyseurs located there.
WITH communes AS (FROM communes_du_territoire($niveau, $code))
SELECT
    (SELECT count(DISTINCT ac.alliance) FROM alliance_commune ac JOIN communes c ON c.code = ac.commune) AS alliances,
    (SELECT count(DISTINCT ac.alliance) FROM alliance_commune ac JOIN communes c ON c.code = ac.commune
        JOIN alliance a ON a.id = ac.alliance WHERE a.statut = 'active') AS alliances_actives,
    (SELECT count(DISTINCT k.id) FROM communes c
        JOIN crte_epci ce ON ce.epci = c.epci JOIN crte k ON k.id = ce.crte
        WHERE k.statut IN ('signe', 'en_renouvellement')) AS crte_signes,
    (SELECT count(*) FROM experimentation x
        WHERE x.commune IN (SELECT code FROM communes)
           OR (x.commune IS NULL AND x.departement IN (SELECT departement FROM communes))) AS experimentations,
    (SELECT count(*) FROM catalyseur k JOIN communes c ON c.code = k.commune) AS catalyseurs;
