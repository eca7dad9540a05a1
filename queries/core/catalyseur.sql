-- Catalyseurs territoriaux, located at their coordinates or, without them, at a point
-- inside their commune, with their contact when the file gives it.
CREATE TABLE catalyseur AS
SELECT
    k.id, k.nom, k.type_structure, k.commune, k.annee_adhesion, k.email, k.telephone, k.site, k.demo,
    CASE
        WHEN k.latitude IS NOT NULL AND k.longitude IS NOT NULL THEN ST_Point(k.longitude, k.latitude)
        ELSE ST_PointOnSurface(c.geom)
    END AS geom,
    (k.latitude IS NOT NULL) AS coordonnees_fournies
FROM stg_catalyseurs k
LEFT JOIN commune c ON c.code = k.commune
ORDER BY k.id;
ALTER TABLE catalyseur ADD PRIMARY KEY (id);
