MATCH (d:SharingDecision) WHERE d.status IN $statuses
  AND ($before IS NULL OR d.proposedAt < datetime($before)
       OR (d.proposedAt = datetime($before) AND d.id < $beforeId))
WITH d ORDER BY d.proposedAt DESC, d.id DESC LIMIT $limit RETURN d {.*, expiresAt: toString(d.expiresAt), proposedAt: toString(d.proposedAt), decidedAt: toString(d.decidedAt)} AS d, COLLECT { MATCH (d)-[:COVERS]->(p:Person) RETURN p.id } AS people
