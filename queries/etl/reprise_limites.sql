-- Boundaries tables of the published warehouse (attached as previous), kept when the source
-- is unchanged: the tables of the "limites" step (queries.STEPS), with the primary keys
-- their core models declare.
CREATE TABLE commune AS SELECT * FROM previous.commune;
ALTER TABLE commune ADD PRIMARY KEY (code);
CREATE TABLE epci AS SELECT * FROM previous.epci;
ALTER TABLE epci ADD PRIMARY KEY (code);
CREATE TABLE departement AS SELECT * FROM previous.departement;
ALTER TABLE departement ADD PRIMARY KEY (code);
CREATE TABLE region AS SELECT * FROM previous.region;
ALTER TABLE region ADD PRIMARY KEY (code);
CREATE TABLE commune_historique AS SELECT * FROM previous.commune_historique;
CREATE TABLE arrondissement_municipal AS SELECT * FROM previous.arrondissement_municipal;
ALTER TABLE arrondissement_municipal ADD PRIMARY KEY (code);
CREATE TABLE geometrie_affichage AS SELECT * FROM previous.geometrie_affichage;
ALTER TABLE geometrie_affichage ADD PRIMARY KEY (niveau, code);
CREATE TABLE code_postal AS SELECT * FROM previous.code_postal;
ALTER TABLE code_postal ADD PRIMARY KEY (code_postal, commune);
CREATE TABLE mairie AS SELECT * FROM previous.mairie;
ALTER TABLE mairie ADD PRIMARY KEY (commune);
CREATE TABLE maire_limites AS SELECT * FROM previous.maire_limites;
