-- Expérimentations of the Fonds ODD 17. A row located by its commune only was given the
-- commune's département by etl.domain.register (geodata.codes.departement_of_commune).
CREATE TABLE experimentation AS
SELECT id, intitule, porteur, echelle, commune, departement,
       montant, annee, statut, evaluation, commentaire, demo
FROM stg_experimentations
ORDER BY id;
ALTER TABLE experimentation ADD PRIMARY KEY (id);
