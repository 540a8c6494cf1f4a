UNWIND $rows AS row
MATCH (p:Person {id: row.person})-[m:MEMBER_OF {source: 'partner-lists'}]->
      (f:Family {reference: row.reference})
WHERE m.to IS NULL AND m.role <> row.role
SET m.to = $today
CREATE (p)-[:MEMBER_OF {role: row.role, from: $today, source: 'partner-lists'}]->(f)
RETURN count(*) AS recast
