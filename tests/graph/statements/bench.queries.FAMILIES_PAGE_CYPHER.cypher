MATCH (f:Family) WHERE f.reference > $after
RETURN f.id AS id, f.reference AS reference, f.status AS status, f.identifiedAt AS identifiedAt
ORDER BY f.reference LIMIT 100
