UNWIND $rows AS row
MATCH (p:Person {id: row.person})
MATCH (f:Family {reference: row.reference})
WITH p, f, row WHERE NOT EXISTS { (p)-[m:MEMBER_OF]->(:Family) WHERE m.to IS NULL }
CREATE (p)-[:MEMBER_OF {role: row.role, from: $today, source: 'partner-lists'}]->(f)
RETURN count(*) AS joined
