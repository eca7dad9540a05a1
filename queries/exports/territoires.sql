-- Territories an export can be asked for, at one level ($niveau: 'region' or 'departement').
SELECT code, nom
FROM territoire
WHERE niveau = $niveau AND niveau IN ('region', 'departement')
ORDER BY code;
