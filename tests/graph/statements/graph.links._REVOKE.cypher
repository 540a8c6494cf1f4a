MATCH (a:Person)-[r:RELATED_TO {id: $id}]->(b:Person)
SET r.revokedAt = datetime(), r.revokedBy = $userId, r.revocationReason = $reason
RETURN r, a.id AS fromId, b.id AS toId
