UNWIND $ids AS id
MATCH (u:User {id: id})
OPTIONAL MATCH (u)-[:WORKS_FOR]->(o:Organisation)
RETURN u, o.id AS organisationId
