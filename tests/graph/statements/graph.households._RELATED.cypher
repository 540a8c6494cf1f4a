MATCH (a:Person)-[r:RELATED_TO]->(b:Person) WHERE r.revokedAt IS NULL
RETURN collect([a.id, b.id]) AS pairs
