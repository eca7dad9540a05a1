-- Source of the vector tiles of one level (dashboard/tiles.py): the display geometry drawn on
-- the France-wide map (simplified, overseas départements in their boxes), projected to Web
-- Mercator (EPSG:3857) in Python and registered as ``tuiles_entree`` (code, nom, wkb, bounds).
CREATE OR REPLACE TABLE tuile_source AS
SELECT code, nom, ST_GeomFromWKB(wkb) AS geom, xmin, ymin, xmax, ymax
FROM tuiles_entree;
