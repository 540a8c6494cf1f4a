MATCH (p:Person) WHERE p.id > $after AND ($until IS NULL OR p.id < $until)
WITH p ORDER BY p.id LIMIT $limit
RETURN collect([p.id, p.givenName, p.familyName, p.nameKey]) AS people
