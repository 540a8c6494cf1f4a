UNWIND $rows AS row
MATCH (p:Person {id: row.personId})
MATCH (f:Family {id: row.familyId})
MERGE (p)-[m:MEMBER_OF]->(f)
ON CREATE SET m.role = row.role, m.from = row.from, m.to = row.to
