-- Scores, classes and components of one territory ($niveau, $code); no row when it has none.
SELECT *
FROM indicateur_territoire
WHERE niveau = $niveau AND code = $code;
