-- Which communes make up each territory, at every level (a commune is its own territory;
-- France as a whole is the territory 'FR' of level 'france', the comparison of the cards).
CREATE OR REPLACE TABLE territoire_commune AS
SELECT 'commune' AS niveau, code, code AS commune FROM commune
UNION ALL SELECT 'epci', epci, code FROM commune WHERE epci IS NOT NULL
UNION ALL SELECT 'departement', departement, code FROM commune
UNION ALL SELECT 'region', region, code FROM commune
UNION ALL SELECT 'france', 'FR', code FROM commune
ORDER BY niveau, code, commune;
