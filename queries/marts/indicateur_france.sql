-- France as a whole (niveau 'france', code 'FR'), aggregated from its communes by the same
-- model as every other level: the reference the territory cards compare with.
CREATE OR REPLACE TABLE indicateur_france AS
SELECT * FROM indicateur_agrege WHERE niveau = 'france';
