-- Communes the demo generator draws from (real boundaries of the warehouse).
SELECT code, nom, departement, region, epci, population, population_annee FROM commune ORDER BY code;
