RETURN d {.*, expiresAt: toString(d.expiresAt), proposedAt: toString(d.proposedAt), decidedAt: toString(d.decidedAt)} AS d, COLLECT { MATCH (d)-[:COVERS]->(p:Person) RETURN p.id } AS people
