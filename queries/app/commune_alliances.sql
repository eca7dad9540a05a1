-- Alliances acting in one commune, with their partner kinds and ODD (codes; labels are
-- added by the dashboard), newest first.
SELECT a.id, a.intitule, a.date_debut, a.date_fin, a.statut, a.forme, a.budget, ac.via,
       e.nom AS epci_nom,
       (SELECT list(p.type_partenaire ORDER BY p.type_partenaire) FROM alliance_partenaire p WHERE p.alliance = a.id) AS partenaires,
       (SELECT list(o.odd ORDER BY o.odd) FROM alliance_odd o WHERE o.alliance = a.id) AS odd
FROM alliance_commune ac
JOIN alliance a ON a.id = ac.alliance
LEFT JOIN epci e ON e.code = a.epci
WHERE ac.commune = $code
ORDER BY a.date_debut DESC, a.id;
