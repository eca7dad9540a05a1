-- What « ce qui ferait progresser » (atlas.progression) reads of a commune ($code; NULL: every
-- commune): its raw maturity measures (commune_maturite), whether it has a point to measure
-- distances from (commune_point), and the kinds of partners and forms its alliances already
-- have (any status, as the diversity component counts them), to name the new ones.
WITH choisies AS (
    SELECT code FROM commune_maturite WHERE $code IS NULL OR code = $code
),
presents AS (
    SELECT ac.commune,
           list(DISTINCT p.type_partenaire ORDER BY p.type_partenaire)
               FILTER (WHERE p.type_partenaire IS NOT NULL) AS partenaires_presents,
           list(DISTINCT a.forme ORDER BY a.forme) FILTER (WHERE a.forme IS NOT NULL) AS formes_presentes
    FROM alliance_commune ac
    JOIN choisies ch ON ch.code = ac.commune
    JOIN alliance a ON a.id = ac.alliance
    LEFT JOIN alliance_partenaire p ON p.alliance = a.id
    GROUP BY ac.commune
)
SELECT m.*, (cp.code IS NOT NULL) AS localisee,
       coalesce(pr.partenaires_presents, []::VARCHAR[]) AS partenaires_presents,
       coalesce(pr.formes_presentes, []::VARCHAR[]) AS formes_presentes
FROM commune_maturite m
JOIN choisies ch ON ch.code = m.code
LEFT JOIN commune_point cp ON cp.code = m.code
LEFT JOIN presents pr ON pr.commune = m.code
ORDER BY m.code;
