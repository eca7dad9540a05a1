-- The catalyseurs nearest to one commune (distance in the projected CRS of its zone,
-- in km), whether each one's declared territory covers the commune, and its contact.
WITH ici AS (
    SELECT c.code, c.epci, c.departement, p.zone, p.x, p.y
    FROM commune c JOIN commune_point p ON p.code = c.code
    WHERE c.code = $code
)
SELECT k.id, k.nom, k.type_structure, k.annee_adhesion, k.commune, ck.nom AS commune_nom,
       k.email, k.telephone, k.site,
       sqrt((kp.x - ici.x) ^ 2 + (kp.y - ici.y) ^ 2) / 1000 AS distance_km,
       EXISTS (
           SELECT 1 FROM catalyseur_territoire t
           WHERE t.catalyseur = k.id
             AND ((t.niveau = 'commune' AND t.code = ici.code)
               OR (t.niveau = 'epci' AND t.code = ici.epci)
               OR (t.niveau = 'departement' AND t.code = ici.departement))
       ) AS couvre_la_commune
FROM ici
JOIN catalyseur_point kp ON kp.zone = ici.zone
JOIN catalyseur k ON k.id = kp.id
LEFT JOIN commune ck ON ck.code = k.commune
ORDER BY distance_km, k.id
LIMIT $limite;
