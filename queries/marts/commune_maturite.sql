-- Maturity of each commune: raw measures, components (0–100), score and class.
-- Parameters ($poids_*, $plafond_*, $seuil_*, …) come from etl/scores/parametres.toml.
CREATE OR REPLACE TABLE commune_maturite AS
WITH ref AS (
    -- reference date: the latest alliance start in the data (same input, same output)
    SELECT coalesce(max(date_debut), DATE '2000-01-01') AS jour FROM alliance
),
alliance_population AS (
    SELECT ac.alliance, sum(coalesce(c.population, 0)) AS population
    FROM alliance_commune ac JOIN commune c ON c.code = ac.commune
    GROUP BY ac.alliance
),
alliances AS (
    -- an alliance covering a population P adds 10 000 / P alliances per 10 000 inhabitants
    -- to every commune it acts in; summed up a level, this is exactly its density there
    SELECT ac.commune,
           count(DISTINCT ac.alliance) AS nombre,
           sum(CASE WHEN ap.population > 0 THEN 10000.0 / ap.population END) AS pour_10000,
           count(DISTINCT ac.alliance) FILTER (
               WHERE a.statut IN ('active', 'en_preparation')
                  OR a.date_debut >= (SELECT jour FROM ref) - to_years(CAST($recence_annees AS INTEGER))
           ) AS recentes
    FROM alliance_commune ac
    JOIN alliance a ON a.id = ac.alliance
    JOIN alliance_population ap ON ap.alliance = ac.alliance
    GROUP BY ac.commune
),
diversite AS (
    SELECT ac.commune,
           count(DISTINCT p.type_partenaire) AS types_partenaires,
           count(DISTINCT a.forme) AS formes
    FROM alliance_commune ac
    JOIN alliance a ON a.id = ac.alliance
    LEFT JOIN alliance_partenaire p ON p.alliance = ac.alliance
    GROUP BY ac.commune
),
crte AS (
    -- communes covered by a signed CRTE, and the age of the oldest one
    SELECT cc.commune,
           max(date_diff('day', k.date_signature, (SELECT jour FROM ref)) / 365.25) AS anciennete_annees
    FROM crte_commune cc
    JOIN crte k ON k.id = cc.crte
    WHERE k.statut IN ('signe', 'en_renouvellement')
    GROUP BY cc.commune
),
experimentations AS (
    SELECT cp.code AS commune, count(DISTINCT x.id) AS nombre
    FROM commune_point cp
    JOIN commune c ON c.code = cp.code
    JOIN experimentation x ON x.echelle = 'territoriale' AND x.statut <> 'abandonnee'
    LEFT JOIN commune_point xp ON xp.code = x.commune
    WHERE (xp.code IS NOT NULL AND xp.zone = cp.zone
           AND sqrt((xp.x - cp.x) ^ 2 + (xp.y - cp.y) ^ 2) <= $rayon_experimentations_km * 1000)
       OR (x.commune IS NULL AND x.departement = c.departement)
    GROUP BY cp.code
),
catalyseur_present AS (
    SELECT DISTINCT c.code AS commune
    FROM commune c
    JOIN catalyseur_territoire t
      ON (t.niveau = 'commune' AND t.code = c.code)
      OR (t.niveau = 'epci' AND t.code = c.epci)
      OR (t.niveau = 'departement' AND t.code = c.departement)
    UNION
    SELECT commune FROM catalyseur
),
catalyseur_distance AS (
    SELECT cp.code AS commune, min(sqrt((k.x - cp.x) ^ 2 + (k.y - cp.y) ^ 2)) / 1000 AS km
    FROM commune_point cp JOIN catalyseur_point k ON k.zone = cp.zone
    GROUP BY cp.code
),
mesures AS (
    SELECT c.code, c.population,
           coalesce(a.nombre, 0) AS alliances_nombre,
           CASE WHEN c.population > 0 THEN coalesce(a.pour_10000, 0) END AS alliances_pour_10000,
           coalesce(a.recentes, 0) AS alliances_recentes,
           d.types_partenaires, d.formes,
           k.anciennete_annees AS crte_anciennete_annees,
           (k.commune IS NOT NULL) AS crte_couvert,
           coalesce(x.nombre, 0) AS experimentations_proches,
           (p.commune IS NOT NULL) AS catalyseur_present,
           dist.km AS catalyseur_distance_km,
           (coalesce(a.nombre, 0) > 0 OR p.commune IS NOT NULL OR coalesce(x.nombre, 0) > 0) AS donnees_suffisantes
    FROM commune c
    LEFT JOIN alliances a ON a.commune = c.code
    LEFT JOIN diversite d ON d.commune = c.code
    LEFT JOIN crte k ON k.commune = c.code
    LEFT JOIN experimentations x ON x.commune = c.code
    LEFT JOIN catalyseur_present p ON p.commune = c.code
    LEFT JOIN catalyseur_distance dist ON dist.commune = c.code
),
composantes AS (
    SELECT *,
        100 * least(1, alliances_pour_10000 / $plafond_alliances_pour_10000) AS maturite_alliances,
        100 * (coalesce(types_partenaires, 0) / 5.0 + coalesce(formes, 0) / 5.0) / 2 AS maturite_diversite,
        100 * least(1, alliances_recentes / $plafond_alliances_recentes) AS maturite_recence,
        CASE WHEN crte_couvert
             THEN 50 + 50 * least(1, greatest(0, crte_anciennete_annees) / $plafond_crte_anciennete_annees)
             ELSE 0 END AS maturite_crte,
        100 * least(1, experimentations_proches / $plafond_experimentations_proches) AS maturite_experimentations,
        CASE WHEN catalyseur_present THEN 100
             WHEN catalyseur_distance_km IS NULL THEN 0
             ELSE 100 * greatest(0, 1 - catalyseur_distance_km / $plafond_catalyseur_distance_km) END
            AS maturite_catalyseurs
    FROM mesures
)
SELECT *,
    CASE WHEN donnees_suffisantes AND maturite_alliances IS NOT NULL THEN
        $poids_alliances * maturite_alliances + $poids_diversite * maturite_diversite
      + $poids_recence * maturite_recence + $poids_crte * maturite_crte
      + $poids_experimentations * maturite_experimentations + $poids_catalyseurs * maturite_catalyseurs
    END AS maturite_score
FROM composantes
ORDER BY code;
