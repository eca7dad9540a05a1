-- The maire and the maires délégués of one commune, maire first.
SELECT prenom, nom, fonction, date_debut_fonction, source
FROM maire
WHERE commune = $code
ORDER BY fonction <> 'MAI', nom COLLATE NOACCENT.NOCASE, prenom COLLATE NOACCENT.NOCASE;
