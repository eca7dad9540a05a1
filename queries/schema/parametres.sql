-- Parameters of the indices this run computed the scores with (weights, ceilings, thresholds,
-- radii), one row per key of the parameters file; read back by atlas.parameters so that the
-- dashboard, the methodology page and the exports print the numbers actually used.
CREATE OR REPLACE TABLE parametres (
    section VARCHAR NOT NULL,   -- section of the file: maturite.poids, maturite.seuils, fragilite…
    cle     VARCHAR NOT NULL,   -- key in the section: pionnier, seuil_pole_habitants…
    valeur  DOUBLE NOT NULL,    -- value as written in the file (weights not normalised)
    ordre   INTEGER NOT NULL,   -- position in the file, so that readers list keys in its order
    PRIMARY KEY (section, cle)
);
INSERT INTO parametres
SELECT unnest($sections), unnest($cles), unnest($valeurs), unnest(range(1, len($sections) + 1));
