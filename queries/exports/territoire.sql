-- The exported territory ($niveau 'region', 'departement', 'epci' or 'commune'; $code): identity, counts,
-- its indicators and its outline (WKB, WGS84). No row when the code is unknown.
WITH perimetre AS (FROM communes_du_territoire($niveau, $code))
SELECT t.niveau, t.code, t.nom, t.region, r.nom AS region_nom,
       t.population, t.superficie_km2,
       (SELECT count(*) FROM perimetre) AS communes,
       (SELECT count(DISTINCT epci) FROM perimetre) AS epci,
       (SELECT count(DISTINCT departement) FROM perimetre) AS departements,
       (SELECT min(departement) FROM perimetre) AS premier_departement,
       i.maturite_score, i.maturite_classe, i.fragilite_score,
       i.alliances_nombre, i.alliances_pour_10000, i.crte_couverture,
       i.catalyseur_distance_km, i.isolement_km,
       i.part_donnees_suffisantes, i.part_fragilite_calculee,
       ST_AsWKB(t.geom) AS geom_wkb
FROM territoire t
LEFT JOIN region r ON r.code = t.region
LEFT JOIN indicateur_territoire i ON i.niveau = t.niveau AND i.code = t.code
WHERE t.niveau = $niveau AND t.code = $code AND t.niveau IN ('region', 'departement', 'epci', 'commune');
