-- France as a whole, aggregated from its communes by the same model as the other levels.
SELECT * FROM indicateur_france;
