MATCH (f:Family) RETURN count(f) AS total
