UNWIND $rows AS row
MATCH (a:Person {id: row.fromId})
MATCH (b:Person {id: row.toId})
MERGE (a)-[r:RELATED_TO {id: row.id}]->(b)
ON CREATE SET r.kind = row.kind, r.source = row.source, r.createdAt = row.createdAt,
              r.createdBy = row.createdBy, r.rationale = row.rationale,
              r.revokedAt = row.revokedAt
