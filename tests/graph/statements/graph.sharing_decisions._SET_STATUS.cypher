MATCH (d:SharingDecision {id: $id})
SET d.status = $status, d.inForce = $inForce, d.decidedBy = $userId, d.decidedAt = datetime(),
    d.decisionNote = $note
WITH d RETURN d {.*, expiresAt: toString(d.expiresAt), proposedAt: toString(d.proposedAt), decidedAt: toString(d.decidedAt)} AS d, COLLECT { MATCH (d)-[:COVERS]->(p:Person) RETURN p.id } AS people
