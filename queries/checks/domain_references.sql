-- Every domain row points to existing territories.
SELECT 'alliance vers une commune inconnue' AS probleme, ac.alliance || ' -> ' || ac.commune AS detail
FROM alliance_commune ac LEFT JOIN commune c ON c.code = ac.commune WHERE c.code IS NULL
UNION ALL
SELECT 'alliance vers un EPCI inconnu', a.id || ' -> ' || a.epci
FROM alliance a LEFT JOIN epci e ON e.code = a.epci WHERE a.epci IS NOT NULL AND e.code IS NULL
UNION ALL
SELECT 'alliance sans territoire', a.id
FROM alliance a WHERE NOT EXISTS (SELECT 1 FROM alliance_commune ac WHERE ac.alliance = a.id)
UNION ALL
SELECT 'CRTE vers un EPCI inconnu', ce.crte || ' -> ' || ce.epci
FROM crte_epci ce LEFT JOIN epci e ON e.code = ce.epci WHERE e.code IS NULL
UNION ALL
SELECT 'CRTE vers une commune inconnue', cc.crte || ' -> ' || cc.commune
FROM crte_commune cc LEFT JOIN commune c ON c.code = cc.commune WHERE c.code IS NULL
UNION ALL
SELECT 'programme vers une commune inconnue', pc.programme || ' ' || pc.id || ' -> ' || pc.commune
FROM programme_commune pc LEFT JOIN commune c ON c.code = pc.commune WHERE c.code IS NULL
UNION ALL
SELECT 'contrat ou site d''un programme absent', pt.programme || ' ' || pt.id
FROM programme_territoire pt LEFT JOIN programme p ON p.code = pt.programme WHERE p.code IS NULL
UNION ALL
SELECT 'expérimentation vers une commune inconnue', x.id
FROM experimentation x LEFT JOIN commune c ON c.code = x.commune WHERE x.commune IS NOT NULL AND c.code IS NULL
UNION ALL
SELECT 'expérimentation vers un département inconnu', x.id
FROM experimentation x LEFT JOIN departement d ON d.code = x.departement WHERE x.departement IS NOT NULL AND d.code IS NULL
UNION ALL
SELECT 'catalyseur vers une commune inconnue', k.id
FROM catalyseur k LEFT JOIN commune c ON c.code = k.commune WHERE c.code IS NULL
UNION ALL
SELECT 'suivi d''une mesure inconnue', s.mesure
FROM mesure_suivi s LEFT JOIN mesure m ON m.id = s.mesure WHERE m.id IS NULL
UNION ALL
SELECT 'lien vers une mesure inconnue', l.entite || ' ' || l.id || ' -> ' || l.mesure
FROM mesure_lien l LEFT JOIN mesure m ON m.id = l.mesure WHERE m.id IS NULL
UNION ALL
SELECT 'indicateur d''une mesure inconnue', i.indicateur
FROM mesure_indicateur i LEFT JOIN mesure m ON m.id = i.mesure WHERE m.id IS NULL
UNION ALL
SELECT 'indicateur d''une commune inconnue', i.commune
FROM indicateur_commune i LEFT JOIN commune c ON c.code = i.commune WHERE c.code IS NULL;
