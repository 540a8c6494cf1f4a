MATCH (f:Family) RETURN f.id AS id, f.reference AS reference
