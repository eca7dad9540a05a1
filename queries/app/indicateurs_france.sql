-- France as a whole: the 'france' level of indicateur_territoire, aggregated from the
-- communes by the same model as every other level.
SELECT * FROM indicateur_territoire WHERE niveau = 'france';
