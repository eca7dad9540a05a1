-- The census year of the communes' populations, given with « territoires etl --annee-population »
-- when the published boundaries are kept.
UPDATE commune SET population_annee = $annee WHERE population IS NOT NULL;
