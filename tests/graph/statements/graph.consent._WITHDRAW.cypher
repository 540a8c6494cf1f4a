MATCH (c:Consent {id: $id})-[:CONCERNS]->(p:Person)
SET c.status = 'WITHDRAWN', c.withdrawnAt = datetime(), c.withdrawnBy = $userId,
    c.withdrawalReason = $reason
RETURN c, p.id AS personId, p.dateOfBirth AS born
