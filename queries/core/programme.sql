-- National programmes present in the ANCT files read (a programme without any file is
-- absent, not empty): label, short description and official page (atlas/programmes.py).
CREATE TABLE programme AS
SELECT DISTINCT code, libelle, description, url
FROM stg_programme
ORDER BY code;
ALTER TABLE programme ADD PRIMARY KEY (code);
