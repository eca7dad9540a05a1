-- Communes of the territory with their indicators, their rank among the territory's
-- priorities (fragile and not mature; see marts/priorite), their maire and mairie contact
-- details (for whoever prepares a meeting), the State programmes and CRTE covering them
-- (labels and source files joined by " | ") and their outline (WKB, WGS84).
WITH perimetre AS (FROM communes_du_territoire($niveau, $code)),
programmes AS (
    SELECT pc.commune,
           string_agg(DISTINCT p.libelle, ' | ' ORDER BY p.libelle) AS programmes,
           count(DISTINCT pc.programme) AS programmes_nombre,
           string_agg(DISTINCT t.source, ' | ' ORDER BY t.source) AS programmes_sources
    FROM programme_commune pc
    JOIN perimetre c ON c.code = pc.commune
    JOIN programme p ON p.code = pc.programme
    LEFT JOIN programme_territoire t ON t.programme = pc.programme AND t.id = pc.id
    GROUP BY pc.commune
),
crte_noms AS (
    SELECT cc.commune, string_agg(DISTINCT k.nom, ' | ' ORDER BY k.nom) AS crte
    FROM crte_commune cc
    JOIN perimetre c ON c.code = cc.commune
    JOIN crte k ON k.id = cc.crte
    GROUP BY cc.commune
),
rangs AS (
    SELECT p.code, p.priorite_score,
           row_number() OVER (ORDER BY p.priorite_score DESC, p.code) AS priorite_rang
    FROM priorite p
    JOIN perimetre c ON c.code = p.code
    WHERE p.niveau = 'commune'
)
SELECT c.code, c.nom, c.departement, d.nom AS departement_nom, c.epci, e.nom AS epci_nom,
       c.population, c.population_annee, c.superficie_km2,
       ev.evolution AS evolution_population,
       CASE ev.source WHEN 'millesimes' THEN ev.annee_debut || '–' || ev.annee_fin
                      WHEN 'fichier' THEN 'fichier indicateurs, ' || ev.annee_fin END AS evolution_periode,
       i.maturite_score, i.maturite_classe, i.fragilite_score,
       rg.priorite_rang, rg.priorite_score,
       NULLIF(concat_ws(' ', ma.prenom, ma.nom), '') AS maire, ma.date_debut_fonction AS maire_depuis,
       mi.telephone AS mairie_telephone, mi.email AS mairie_email,
       replace(mi.adresse, chr(10), ', ') AS mairie_adresse, mi.site AS mairie_site,
       i.alliances_nombre, i.alliances_pour_10000, i.crte_couverture,
       i.catalyseur_distance_km, i.isolement_km,
       i.maturite_alliances, i.maturite_diversite, i.maturite_recence, i.maturite_crte,
       i.maturite_experimentations, i.maturite_catalyseurs,
       i.fragilite_densite, i.fragilite_population, i.fragilite_isolement,
       i.fragilite_taux_pauvrete, i.fragilite_part_sans_diplome, i.fragilite_taux_chomage,
       i.fragilite_revenu_median, i.fragilite_part_75_ans_plus,
       i.fragilite_evolution_population, i.fragilite_temps_acces_services,
       coalesce(pg.programmes_nombre, 0) AS programmes_nombre, pg.programmes, pg.programmes_sources, kn.crte,
       ST_AsWKB(c.geom) AS geom_wkb
FROM perimetre c
LEFT JOIN departement d ON d.code = c.departement
LEFT JOIN epci e ON e.code = c.epci
LEFT JOIN indicateur_territoire i ON i.niveau = 'commune' AND i.code = c.code
LEFT JOIN rangs rg ON rg.code = c.code
LEFT JOIN commune_evolution_population ev ON ev.commune = c.code
LEFT JOIN maire ma ON ma.commune = c.code AND ma.fonction = 'MAI'
LEFT JOIN mairie mi ON mi.commune = c.code
LEFT JOIN programmes pg ON pg.commune = c.code
LEFT JOIN crte_noms kn ON kn.commune = c.code
ORDER BY c.code;
