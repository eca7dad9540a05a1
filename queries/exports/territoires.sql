-- Territories an export can be asked for, at one level ($niveau: 'region' or 'departement').
SELECT code, nom
FROM region
WHERE $niveau = 'region'
UNION ALL
SELECT code, nom
FROM departement
WHERE $niveau = 'departement'
ORDER BY code;
