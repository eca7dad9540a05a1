-- Expérimentations of the Fonds ODD 17.
CREATE TABLE experimentation AS
SELECT id, intitule, porteur, echelle, commune,
       coalesce(departement, CASE WHEN commune LIKE '97%' THEN left(commune, 3) ELSE left(commune, 2) END) AS departement,
       montant, annee, statut, evaluation, commentaire, demo
FROM stg_experimentations
ORDER BY id;
ALTER TABLE experimentation ADD PRIMARY KEY (id);
