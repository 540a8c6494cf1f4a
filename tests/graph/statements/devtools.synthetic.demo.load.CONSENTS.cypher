UNWIND $rows AS row
MATCH (p:Person {id: row.personId})
MERGE (c:Consent {id: row.id})
ON CREATE SET c += row REMOVE c.personId
MERGE (c)-[:CONCERNS]->(p)
