MATCH (n:Notification {audience: 'ig_officer'})-[:ABOUT]->(b:BreakGlass)
WHERE $before IS NULL OR n.createdAt < datetime($before)
   OR (n.createdAt = datetime($before) AND n.id < $beforeId)
RETURN n, b ORDER BY n.createdAt DESC, n.id DESC LIMIT $limit
