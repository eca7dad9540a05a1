-- EPCI the demo generator groups into CRTE perimeters.
SELECT code, nom FROM epci ORDER BY code;
