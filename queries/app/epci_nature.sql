-- The legal nature code of one EPCI (CC, CA, CU, ME, MET69); no row when unknown.
SELECT nature FROM epci WHERE code = $code;
