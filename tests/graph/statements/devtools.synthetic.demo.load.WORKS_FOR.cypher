UNWIND $rows AS row
MATCH (u:User {id: row.userId})
MATCH (o:Organisation {id: row.organisationId})
MERGE (u)-[:WORKS_FOR]->(o)
