-- The CRTE whose perimeter holds the EPCI of one commune, with the EPCI of that perimeter.
SELECT k.id, k.nom, k.statut, k.date_signature,
       (SELECT count(*) FROM crte_epci x WHERE x.crte = k.id) AS epci_nombre
FROM commune c
JOIN crte_epci ce ON ce.epci = c.epci
JOIN crte k ON k.id = ce.crte
WHERE c.code = $code
ORDER BY k.date_signature DESC NULLS LAST, k.id;
