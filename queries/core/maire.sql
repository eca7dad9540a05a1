-- The maire (MAI) and the maires délégués (MDA) of each commune: those of the boundaries
-- source (maire_limites), except that a Répertoire national des élus file of the data
-- folder gives the maire of every commune it lists (its maires délégués stay the
-- boundaries source's). Name, function and start of the function only.
CREATE TABLE maire AS
SELECT commune, prenom, nom, fonction, date_debut_fonction, source
FROM (
    SELECT l.commune, l.prenom, l.nom, l.fonction, l.date_debut_fonction, l.source
    FROM maire_limites l
    WHERE l.fonction <> 'MAI' OR l.commune NOT IN (SELECT commune FROM stg_rne_maire)
    UNION ALL
    SELECT r.commune, r.prenom, r.nom, 'MAI', r.date_debut_fonction, r.source
    FROM stg_rne_maire r
    JOIN commune c ON c.code = r.commune
)
ORDER BY commune, fonction <> 'MAI', nom COLLATE NOACCENT.NOCASE, prenom COLLATE NOACCENT.NOCASE;
