MATCH (a:Person {id: $a})-[r:RELATED_TO]-(b:Person {id: $b})
WHERE r.revokedAt IS NULL
  AND ((startNode(r) = a AND r.kind = $kind) OR (startNode(r) = b AND r.kind = $inverse))
RETURN r, startNode(r).id AS fromId, endNode(r).id AS toId
LIMIT 1
