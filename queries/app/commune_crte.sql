-- The CRTE covering one commune (crte_commune: through an EPCI of their perimeter, or
-- signed by the commune alone; a commune may be in several), with the EPCI of their perimeter.
WITH contrats AS (
    SELECT crte, via_principale(via) AS via
    FROM crte_commune
    WHERE commune = $code
    GROUP BY crte
)
SELECT k.id, k.nom, k.statut, k.date_signature, ct.via, e.nom AS via_nom,
       (SELECT count(*) FROM crte_epci x WHERE x.crte = k.id) AS epci_nombre
FROM contrats ct
JOIN crte k ON k.id = ct.crte
LEFT JOIN epci e ON e.code = ct.via
ORDER BY k.date_signature DESC NULLS LAST, k.id;
