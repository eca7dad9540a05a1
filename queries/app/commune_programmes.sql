-- The State programmes covering one commune: one row per contract or site, with the
-- programme's label, description and official page, and how the contract covers the
-- commune: via = 'commune' when the files name the commune itself (even if its EPCI is
-- listed too), else the SIREN of the covering groupement.
WITH contrats AS (
    SELECT programme, id,
           via_principale(via) AS via
    FROM programme_commune
    WHERE commune = $code
    GROUP BY programme, id
)
SELECT p.code AS programme, p.libelle, p.description, p.url,
       k.id, t.nom, t.date_signature, t.source,
       k.via, e.nom AS via_nom
FROM contrats k
JOIN programme p ON p.code = k.programme
LEFT JOIN programme_territoire t ON t.programme = k.programme AND t.id = k.id
LEFT JOIN epci e ON e.code = k.via
ORDER BY p.libelle, p.code, t.date_signature NULLS LAST, k.id;
