-- What happens in a territory (any level): alliances, signed CRTE, experiments,
-- catalyseurs located there.
WITH communes AS (
    SELECT commune FROM territoire_commune WHERE niveau = $niveau AND code = $code
)
SELECT
    (SELECT count(DISTINCT ac.alliance) FROM alliance_commune ac JOIN communes USING (commune)) AS alliances,
    (SELECT count(DISTINCT ac.alliance) FROM alliance_commune ac JOIN communes USING (commune)
        JOIN alliance a ON a.id = ac.alliance WHERE a.statut = 'active') AS alliances_actives,
    (SELECT count(DISTINCT k.id) FROM communes JOIN commune c ON c.code = communes.commune
        JOIN crte_epci ce ON ce.epci = c.epci JOIN crte k ON k.id = ce.crte
        WHERE k.statut IN ('signe', 'en_renouvellement')) AS crte_signes,
    (SELECT count(*) FROM experimentation x
        WHERE x.commune IN (SELECT commune FROM communes)
           OR (x.commune IS NULL AND x.departement IN (
                SELECT DISTINCT c.departement FROM communes JOIN commune c ON c.code = communes.commune))) AS experimentations,
    (SELECT count(*) FROM catalyseur k JOIN communes ON communes.commune = k.commune) AS catalyseurs;
