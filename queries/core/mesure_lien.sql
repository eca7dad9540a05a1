-- The alliances, experimentations and catalyseurs each mesure is linked to: one row per
-- mesure named in the optional « mesure » column of their files (entite: alliance,
-- experimentation or catalyseur; id: the row's id in its file).
CREATE TABLE mesure_lien AS
SELECT DISTINCT u.mesure, 'alliance' AS entite, a.id
FROM stg_alliances a, unnest(a.mesure) AS u(mesure)
WHERE a.mesure IS NOT NULL
UNION ALL
SELECT DISTINCT u.mesure, 'experimentation', x.id
FROM stg_experimentations x, unnest(x.mesure) AS u(mesure)
WHERE x.mesure IS NOT NULL
UNION ALL
SELECT DISTINCT u.mesure, 'catalyseur', k.id
FROM stg_catalyseurs k, unnest(k.mesure) AS u(mesure)
WHERE k.mesure IS NOT NULL
ORDER BY 1, 2, 3;
ALTER TABLE mesure_lien ADD PRIMARY KEY (mesure, entite, id);
