MATCH (a:Person) WHERE a.id > $after
WITH a ORDER BY a.id LIMIT $limit
OPTIONAL MATCH (a)-[r:RELATED_TO]->(b:Person) WHERE r.revokedAt IS NULL
RETURN max(a.id) AS last, collect(CASE WHEN b IS NOT NULL THEN [a.id, b.id] END) AS rows
