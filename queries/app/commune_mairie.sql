-- The mairie of one commune (contact details), if the warehouse has it.
SELECT adresse, telephone, email, site, horaires, accessibilite, source
FROM mairie
WHERE commune = $code;
