-- Alliances as the alliances input file writes them (filled template, exports.templates).
SELECT
    a.id, a.intitule, a.date_debut, a.date_fin, a.statut,
    (SELECT list(ac.commune ORDER BY ac.commune) FROM alliance_commune ac
     WHERE ac.alliance = a.id AND ac.via = 'commune') AS communes,
    a.epci,
    (SELECT list(p.type_partenaire ORDER BY p.type_partenaire) FROM alliance_partenaire p
     WHERE p.alliance = a.id) AS types_partenaires,
    a.forme,
    (SELECT list(o.odd ORDER BY o.odd) FROM alliance_odd o WHERE o.alliance = a.id) AS odd,
    a.budget,
    (SELECT list(l.mesure ORDER BY l.mesure) FROM mesure_lien l
     WHERE l.entite = 'alliance' AND l.id = a.id) AS mesure,
    a.demo
FROM alliance a
ORDER BY a.id;
