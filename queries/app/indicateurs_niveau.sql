-- Scores, classes and components of every territory of one level.
SELECT *
FROM indicateur_territoire
WHERE niveau = $niveau
ORDER BY code;
