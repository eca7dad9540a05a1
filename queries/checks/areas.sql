-- A département's area equals the sum of its communes' areas (within $tolerance, relative).
SELECT 'superficie du departement incoherente' AS probleme,
       d.code || ' : ' || round(d.superficie_km2, 2) || ' km2 contre ' || round(s.total, 2) AS detail
FROM departement d
JOIN (SELECT departement, sum(superficie_km2) AS total FROM commune GROUP BY departement) s
  ON s.departement = d.code
WHERE abs(d.superficie_km2 - s.total) > $tolerance * s.total;
