-- Whether the warehouse holds ANCT programmes (then part of the peers' profile).
SELECT EXISTS (SELECT 1 FROM programme_commune) AS charges;
