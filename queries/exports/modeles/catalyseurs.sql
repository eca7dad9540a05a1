-- Catalyseurs as the catalyseurs input file writes them (filled template): coordinates
-- only when the file gave them.
SELECT
    k.id, k.nom, k.type_structure, k.commune,
    CASE WHEN k.coordonnees_fournies THEN ST_Y(k.geom) END AS latitude,
    CASE WHEN k.coordonnees_fournies THEN ST_X(k.geom) END AS longitude,
    (SELECT list(t.code ORDER BY t.code) FROM catalyseur_territoire t
     WHERE t.catalyseur = k.id AND t.niveau = 'commune') AS territoire_communes,
    (SELECT list(t.code ORDER BY t.code) FROM catalyseur_territoire t
     WHERE t.catalyseur = k.id AND t.niveau = 'epci') AS territoire_epci,
    (SELECT list(t.code ORDER BY t.code) FROM catalyseur_territoire t
     WHERE t.catalyseur = k.id AND t.niveau = 'departement') AS territoire_departements,
    k.annee_adhesion, k.email, k.telephone, k.site,
    (SELECT list(l.mesure ORDER BY l.mesure) FROM mesure_lien l
     WHERE l.entite = 'catalyseur' AND l.id = k.id) AS mesure,
    k.demo
FROM catalyseur k
ORDER BY k.id;
