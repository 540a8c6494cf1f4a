UNWIND $rows AS row
MATCH (p:Person {id: row.person})
CALL (row) {
  MATCH (f:Family {id: row.family}) RETURN f
  UNION
  MATCH (f:Family {reference: row.reference}) RETURN f
}
WITH p, f, row WHERE NOT EXISTS { (p)-[m:MEMBER_OF]->(:Family) WHERE m.to IS NULL }
CREATE (p)-[:MEMBER_OF {role: row.role, from: $today, source: 'partner-lists'}]->(f)
RETURN count(*) AS joined
