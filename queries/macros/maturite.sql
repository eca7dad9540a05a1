-- The maturity model of the communes as a table macro of the dates it is computed at, so
-- that today's mart (marts/commune_maturite) and the yearly history (marts/
-- indicateur_historique) are one model. DuckDB macros take no prepared parameters: the
-- run's parameters (etl/scores/parametres.toml) are first written to the one-row temporary
-- table maturite_parametre, which the macros read. Both macros are temporary (they depend
-- on the run's parameters).
CREATE OR REPLACE TEMP TABLE maturite_parametre AS
SELECT CAST($poids_alliances AS DOUBLE) AS poids_alliances, CAST($poids_diversite AS DOUBLE) AS poids_diversite,
       CAST($poids_recence AS DOUBLE) AS poids_recence, CAST($poids_crte AS DOUBLE) AS poids_crte,
       CAST($poids_experimentations AS DOUBLE) AS poids_experimentations,
       CAST($poids_catalyseurs AS DOUBLE) AS poids_catalyseurs,
       CAST($plafond_alliances_pour_10000 AS DOUBLE) AS plafond_alliances_pour_10000,
       CAST($plafond_alliances_recentes AS DOUBLE) AS plafond_alliances_recentes,
       CAST($plafond_crte_anciennete_annees AS DOUBLE) AS plafond_crte_anciennete_annees,
       CAST($plafond_experimentations_proches AS DOUBLE) AS plafond_experimentations_proches,
       CAST($plafond_catalyseur_distance_km AS DOUBLE) AS plafond_catalyseur_distance_km,
       CAST($recence_annees AS INTEGER) AS recence_annees,
       CAST($rayon_experimentations_km AS DOUBLE) AS rayon_experimentations_km,
       CAST($part_population_minimale AS DOUBLE) AS part_population_minimale,
       CAST($seuil_pionnier AS DOUBLE) AS seuil_pionnier, CAST($seuil_actif AS DOUBLE) AS seuil_actif,
       CAST($seuil_premiers_pas AS DOUBLE) AS seuil_premiers_pas;

-- jours: a list of {annee, jour, actuel}. jour is the reference date of recency and of the
-- age of a CRTE. actuel = true computes today's state: every row of the data with the status
-- it is given. actuel = false keeps only what was known at jour: alliances started by then
-- (one whose end date has passed counts as terminée, any other as active), CRTE signed by
-- then, catalyseurs that had joined the network and experiments selected that year or before.
CREATE OR REPLACE TEMP MACRO maturite_communes(jours) AS TABLE
WITH dates AS (
    SELECT unnest(jours, recursive := true)
),
alliance_connue AS (
    SELECT d.annee, d.jour, a.id, a.forme, a.date_debut,
           CASE WHEN d.actuel THEN a.statut
                WHEN a.date_fin < d.jour THEN 'terminee'
                ELSE 'active' END AS statut
    FROM dates d JOIN alliance a ON d.actuel OR a.date_debut <= d.jour
),
alliance_population AS (
    SELECT ac.alliance, sum(coalesce(c.population, 0)) AS population
    FROM alliance_commune ac JOIN commune c ON c.code = ac.commune
    GROUP BY ac.alliance
),
alliances AS (
    -- an alliance covering a population P adds 10 000 / P alliances per 10 000 inhabitants
    -- to every commune it acts in; summed up a level, this is exactly its density there
    SELECT a.annee, ac.commune,
           count(DISTINCT ac.alliance) AS nombre,
           sum(CASE WHEN ap.population > 0 THEN 10000.0 / ap.population END) AS pour_10000,
           count(DISTINCT ac.alliance) FILTER (
               WHERE a.statut IN ('active', 'en_preparation')
                  OR a.date_debut >= a.jour - to_years((SELECT recence_annees FROM maturite_parametre))
           ) AS recentes
    FROM alliance_connue a
    JOIN alliance_commune ac ON ac.alliance = a.id
    JOIN alliance_population ap ON ap.alliance = ac.alliance
    GROUP BY a.annee, ac.commune
),
diversite AS (
    SELECT a.annee, ac.commune,
           count(DISTINCT p.type_partenaire) AS types_partenaires,
           count(DISTINCT a.forme) AS formes
    FROM alliance_connue a
    JOIN alliance_commune ac ON ac.alliance = a.id
    LEFT JOIN alliance_partenaire p ON p.alliance = a.id
    GROUP BY a.annee, ac.commune
),
crte AS (
    -- communes covered by a signed CRTE, and the age of the oldest one
    SELECT d.annee, cc.commune,
           max(date_diff('day', k.date_signature, d.jour) / 365.25) AS anciennete_annees
    FROM dates d
    JOIN crte k ON k.statut IN ('signe', 'en_renouvellement') AND (d.actuel OR k.date_signature <= d.jour)
    JOIN crte_commune cc ON cc.crte = k.id
    GROUP BY d.annee, cc.commune
),
experimentation_proche AS (
    -- every (commune, experiment) pair within the radius, or in the département of an
    -- experiment located by its département only; computed once for every date
    SELECT cp.code AS commune, x.id, x.annee
    FROM commune_point cp
    JOIN commune c ON c.code = cp.code
    JOIN experimentation x ON x.echelle = 'territoriale' AND x.statut <> 'abandonnee'
    LEFT JOIN commune_point xp ON xp.code = x.commune
    CROSS JOIN maturite_parametre prm
    WHERE (xp.code IS NOT NULL AND xp.zone = cp.zone
           AND sqrt((xp.x - cp.x) ^ 2 + (xp.y - cp.y) ^ 2) <= prm.rayon_experimentations_km * 1000)
       OR (x.commune IS NULL AND x.departement = c.departement)
),
experimentations AS (
    SELECT d.annee, e.commune, count(DISTINCT e.id) AS nombre
    FROM dates d JOIN experimentation_proche e ON d.actuel OR e.annee <= year(d.jour)
    GROUP BY d.annee, e.commune
),
catalyseur_commune AS (
    -- communes where each catalyseur is located or that its declared territory covers (the
    -- commune, its EPCI or its département); computed once for every date
    SELECT id AS catalyseur, annee_adhesion, commune FROM catalyseur
    UNION
    SELECT k.id, k.annee_adhesion, c.code
    FROM catalyseur k
    JOIN catalyseur_territoire t ON t.catalyseur = k.id
    JOIN commune c ON t.niveau = 'commune' AND t.code = c.code
    UNION
    SELECT k.id, k.annee_adhesion, c.code
    FROM catalyseur k
    JOIN catalyseur_territoire t ON t.catalyseur = k.id
    JOIN commune c ON t.niveau = 'epci' AND t.code = c.epci
    UNION
    SELECT k.id, k.annee_adhesion, c.code
    FROM catalyseur k
    JOIN catalyseur_territoire t ON t.catalyseur = k.id
    JOIN commune c ON t.niveau = 'departement' AND t.code = c.departement
),
catalyseur_present AS (
    SELECT DISTINCT d.annee, k.commune
    FROM dates d JOIN catalyseur_commune k ON d.actuel OR k.annee_adhesion <= year(d.jour)
),
catalyseur_distance_adhesion AS (
    -- distance of each commune to the nearest catalyseur of each year of joining (once)
    SELECT cp.code AS commune, k.annee_adhesion, sqrt(min((p.x - cp.x) ^ 2 + (p.y - cp.y) ^ 2)) / 1000 AS km
    FROM catalyseur_point p
    JOIN catalyseur k ON k.id = p.id
    JOIN commune_point cp ON p.zone = cp.zone
    GROUP BY cp.code, k.annee_adhesion
),
catalyseur_distance AS (
    SELECT d.annee, k.commune, min(k.km) AS km
    FROM dates d JOIN catalyseur_distance_adhesion k ON d.actuel OR k.annee_adhesion <= year(d.jour)
    GROUP BY d.annee, k.commune
),
mesures AS (
    SELECT d.annee, c.code, c.population,
           coalesce(a.nombre, 0) AS alliances_nombre,
           CASE WHEN c.population > 0 THEN coalesce(a.pour_10000, 0) END AS alliances_pour_10000,
           coalesce(a.recentes, 0) AS alliances_recentes,
           dv.types_partenaires, dv.formes,
           k.anciennete_annees AS crte_anciennete_annees,
           (k.commune IS NOT NULL) AS crte_couvert,
           coalesce(x.nombre, 0) AS experimentations_proches,
           (p.commune IS NOT NULL) AS catalyseur_present,
           dist.km AS catalyseur_distance_km,
           (coalesce(a.nombre, 0) > 0 OR p.commune IS NOT NULL OR coalesce(x.nombre, 0) > 0) AS donnees_suffisantes
    FROM dates d
    CROSS JOIN commune c
    LEFT JOIN alliances a ON a.annee IS NOT DISTINCT FROM d.annee AND a.commune = c.code
    LEFT JOIN diversite dv ON dv.annee IS NOT DISTINCT FROM d.annee AND dv.commune = c.code
    LEFT JOIN crte k ON k.annee IS NOT DISTINCT FROM d.annee AND k.commune = c.code
    LEFT JOIN experimentations x ON x.annee IS NOT DISTINCT FROM d.annee AND x.commune = c.code
    LEFT JOIN catalyseur_present p ON p.annee IS NOT DISTINCT FROM d.annee AND p.commune = c.code
    LEFT JOIN catalyseur_distance dist ON dist.annee IS NOT DISTINCT FROM d.annee AND dist.commune = c.code
),
composantes AS (
    SELECT m.*,
        -- no population, no density of alliances: the component (and so the score) stays NULL
        -- (DuckDB's least ignores a NULL argument and would give 100)
        CASE WHEN alliances_pour_10000 IS NOT NULL
             THEN 100 * least(1, alliances_pour_10000 / p.plafond_alliances_pour_10000) END AS maturite_alliances,
        100 * (coalesce(types_partenaires, 0) / 5.0 + coalesce(formes, 0) / 5.0) / 2 AS maturite_diversite,
        100 * least(1, alliances_recentes / p.plafond_alliances_recentes) AS maturite_recence,
        CASE WHEN crte_couvert
             THEN 50 + 50 * least(1, greatest(0, crte_anciennete_annees) / p.plafond_crte_anciennete_annees)
             ELSE 0 END AS maturite_crte,
        100 * least(1, experimentations_proches / p.plafond_experimentations_proches) AS maturite_experimentations,
        CASE WHEN catalyseur_present THEN 100
             WHEN catalyseur_distance_km IS NULL THEN 0
             ELSE 100 * greatest(0, 1 - catalyseur_distance_km / p.plafond_catalyseur_distance_km) END
            AS maturite_catalyseurs
    FROM mesures m CROSS JOIN maturite_parametre p
)
SELECT c.*,
    CASE WHEN donnees_suffisantes AND maturite_alliances IS NOT NULL THEN
        p.poids_alliances * maturite_alliances + p.poids_diversite * maturite_diversite
      + p.poids_recence * maturite_recence + p.poids_crte * maturite_crte
      + p.poids_experimentations * maturite_experimentations + p.poids_catalyseurs * maturite_catalyseurs
    END AS maturite_score
FROM composantes c CROSS JOIN maturite_parametre p;

-- Class of a maturity score, given the share (0–1) of the population whose data suffice
-- (a commune: 1 when it has a score). Thresholds from [maturite.seuils].
CREATE OR REPLACE TEMP MACRO maturite_classe(score, part_donnees_suffisantes) AS
    CASE
        WHEN score IS NULL OR part_donnees_suffisantes < (SELECT part_population_minimale FROM maturite_parametre)
            THEN 'donnees_insuffisantes'
        WHEN score >= (SELECT seuil_pionnier FROM maturite_parametre) THEN 'pionnier'
        WHEN score >= (SELECT seuil_actif FROM maturite_parametre) THEN 'actif'
        WHEN score >= (SELECT seuil_premiers_pas FROM maturite_parametre) THEN 'premiers_pas'
        ELSE 'en_questionnement'
    END;
