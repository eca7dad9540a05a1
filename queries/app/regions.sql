SELECT r.code, r.nom, r.population, round(r.superficie_km2) AS superficie_km2,
       (SELECT count(*) FROM departement d WHERE d.region = r.code) AS departements,
       (SELECT count(*) FROM commune c WHERE c.region = r.code) AS communes
FROM region r
ORDER BY r.nom COLLATE NOACCENT.NOCASE;
