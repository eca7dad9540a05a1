-- The alliances, experimentations and catalyseurs linked to one mesure ($mesure; NULL: to every
-- mesure) by the optional « mesure » column of their files, with the territory each one acts in (niveau,
-- code, lieu): an alliance's EPCI or the most populous of its communes (communes: how many
-- it names), an experiment's commune or département (none for a national one), a
-- catalyseur's commune. Read by the mesure's page and its exports.
WITH lien AS (
    SELECT mesure, entite, id FROM mesure_lien WHERE CAST($mesure AS VARCHAR) IS NULL OR mesure = $mesure
), alliance_lieu AS (
    SELECT ac.alliance, arg_max(ac.commune, coalesce(c.population, 0)) AS code, count(*) AS communes
    FROM alliance_commune ac
    JOIN (SELECT DISTINCT id FROM lien WHERE entite = 'alliance') l ON l.id = ac.alliance
    JOIN commune c ON c.code = ac.commune
    WHERE ac.via = 'commune'
    GROUP BY ac.alliance
), lignes AS (
    SELECT l.mesure, 'alliance' AS entite, a.id, a.intitule, a.statut, year(a.date_debut) AS annee,
           CASE WHEN a.epci IS NOT NULL THEN 'epci' ELSE 'commune' END AS niveau,
           coalesce(a.epci, p.code) AS code, CASE WHEN a.epci IS NULL THEN p.communes END AS communes, a.demo
    FROM alliance a
    JOIN lien l ON l.entite = 'alliance' AND l.id = a.id
    LEFT JOIN alliance_lieu p ON p.alliance = a.id
    UNION ALL
    SELECT l.mesure, 'experimentation', x.id, x.intitule, x.statut, x.annee,
           CASE WHEN x.commune IS NOT NULL THEN 'commune' WHEN x.departement IS NOT NULL THEN 'departement' END,
           coalesce(x.commune, x.departement), NULL, x.demo
    FROM experimentation x JOIN lien l ON l.entite = 'experimentation' AND l.id = x.id
    UNION ALL
    SELECT l.mesure, 'catalyseur', k.id, k.nom, NULL, k.annee_adhesion, 'commune', k.commune, NULL, k.demo
    FROM catalyseur k JOIN lien l ON l.entite = 'catalyseur' AND l.id = k.id
)
SELECT g.mesure, g.entite, g.id, g.intitule, g.statut, g.annee, g.niveau, g.code, coalesce(c.nom, e.nom, d.nom) AS lieu,
       g.communes, g.demo
FROM lignes g
LEFT JOIN commune c ON g.niveau = 'commune' AND c.code = g.code
LEFT JOIN epci e ON g.niveau = 'epci' AND e.code = g.code
LEFT JOIN departement d ON g.niveau = 'departement' AND d.code = g.code
ORDER BY g.mesure, CASE g.entite WHEN 'alliance' THEN 1 WHEN 'experimentation' THEN 2 ELSE 3 END, g.id;
