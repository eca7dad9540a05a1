-- Maires and maires délégués as the boundaries source gives them; `maire` (domain step)
-- starts from them and takes a Répertoire national des élus file of the data folder over.
CREATE TABLE maire_limites AS
SELECT m.commune, m.prenom, m.nom, m.fonction, m.date_debut_fonction, m.source
FROM stg_maire_limites m
JOIN commune c ON c.code = m.commune
ORDER BY m.commune, m.fonction <> 'MAI', m.nom COLLATE NOACCENT.NOCASE, m.prenom COLLATE NOACCENT.NOCASE;
