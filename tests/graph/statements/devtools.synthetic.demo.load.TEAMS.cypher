UNWIND $rows AS row
MATCH (u:User {id: row.userId})
MATCH (f:Family {id: row.familyId})
MERGE (u)-[t:MEMBER_OF_TEAM]->(f)
ON CREATE SET t.lead = row.lead, t.from = row.from
