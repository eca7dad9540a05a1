-- Experiments of the Fonds ODD 17 in or near one commune: in the commune, in another
-- commune within $rayon_km (distance between points of the communes in the projected CRS
-- of their zone), or placed in the commune's département without a commune.
WITH ici AS (
    SELECT c.code, c.departement, p.zone, p.x, p.y
    FROM commune c LEFT JOIN commune_point p ON p.code = c.code
    WHERE c.code = $code
)
SELECT x.id, x.intitule, x.porteur, x.statut, x.evaluation, x.annee, x.montant,
       x.commune, cx.nom AS commune_nom, x.departement,
       CASE WHEN x.commune = ici.code THEN 0.0
            WHEN xp.zone = ici.zone THEN sqrt((xp.x - ici.x) ^ 2 + (xp.y - ici.y) ^ 2) / 1000 END AS distance_km
FROM experimentation x
CROSS JOIN ici
LEFT JOIN commune_point xp ON xp.code = x.commune
LEFT JOIN commune cx ON cx.code = x.commune
WHERE x.commune = ici.code
   OR (xp.zone = ici.zone AND sqrt((xp.x - ici.x) ^ 2 + (xp.y - ici.y) ^ 2) <= $rayon_km * 1000)
   OR (x.commune IS NULL AND x.departement = ici.departement)
ORDER BY distance_km NULLS LAST, x.id;
