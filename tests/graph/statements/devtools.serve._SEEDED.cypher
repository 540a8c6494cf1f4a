MATCH (p:Person) RETURN count(p) > 0 AS seeded
