-- Alliances acting on at least one commune of the territory, with their partner types,
-- their ODD and how many of the territory's communes they concern.
WITH concernees AS (
    SELECT ac.alliance, count(DISTINCT ac.commune) AS communes_concernees
    FROM alliance_commune ac
    JOIN communes_du_territoire($niveau, $code) p ON p.code = ac.commune
    GROUP BY ac.alliance
),
partenaires AS (
    SELECT ap.alliance, list(DISTINCT ap.type_partenaire ORDER BY ap.type_partenaire) AS types_partenaires
    FROM alliance_partenaire ap
    JOIN concernees k ON k.alliance = ap.alliance
    GROUP BY ap.alliance
),
odd AS (
    SELECT ao.alliance, list(DISTINCT ao.odd ORDER BY ao.odd) AS odd
    FROM alliance_odd ao
    JOIN concernees k ON k.alliance = ao.alliance
    GROUP BY ao.alliance
)
SELECT a.id, a.intitule, a.forme, a.statut, a.date_debut, a.date_fin, a.epci, e.nom AS epci_nom,
       a.budget, pa.types_partenaires, o.odd, k.communes_concernees, a.demo
FROM concernees k
JOIN alliance a ON a.id = k.alliance
LEFT JOIN epci e ON e.code = a.epci
LEFT JOIN partenaires pa ON pa.alliance = a.id
LEFT JOIN odd o ON o.alliance = a.id
ORDER BY a.id;
