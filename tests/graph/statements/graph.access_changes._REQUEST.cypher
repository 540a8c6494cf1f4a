MERGE (u:User {id: $userId})
WITH u
MATCH (o:Organisation {id: $organisationId})
OPTIONAL MATCH (u)-[w:WORKS_FOR]->(other:Organisation)
WHERE other.id <> $organisationId
DELETE w
MERGE (u)-[:WORKS_FOR]->(o)
SET u.name = $name, u.email = $email, u.kind = $kind, u.requestedRoles = $roles, u.roles = [],
    u.status = 'REQUESTED', u.active = false, u.requestedAt = datetime(),
    u.userAgreementVersion = null, u.userAgreementAcceptedAt = null
