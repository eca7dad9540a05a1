-- One Mapbox vector tile (zoom $z, column $x, row $y) of ``tuile_source``: every territory
-- whose bounds meet the tile, clipped and quantised to $extent units with a $buffer margin,
-- in the layer $couche with its code and name (the map colours it by code).
WITH tuile AS (
    SELECT ST_TileEnvelope($z, $x, $y) AS enveloppe
), limites AS (
    SELECT enveloppe, ST_XMin(enveloppe) AS ouest, ST_YMin(enveloppe) AS sud,
           ST_XMax(enveloppe) AS est, ST_YMax(enveloppe) AS nord
    FROM tuile
)
SELECT ST_AsMVT({'geom': ST_AsMVTGeom(s.geom, ST_Extent(l.enveloppe), $extent, $buffer, true),
                 'code': s.code, 'nom': s.nom}, $couche, $extent, 'geom')
FROM tuile_source s, limites l
WHERE s.xmax >= l.ouest AND s.xmin <= l.est AND s.ymax >= l.sud AND s.ymin <= l.nord;
