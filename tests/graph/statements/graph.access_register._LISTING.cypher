MATCH (u:User)
WHERE u.status IS NOT NULL AND ($status IS NULL OR u.status = $status)
AND ($after IS NULL OR u.id > $after) WITH u ORDER BY u.id LIMIT $limit
RETURN u.id AS id, u.status AS status, coalesce(u.kind, 'PERSON') AS kind,
       coalesce(u.roles, []) AS roles, coalesce(u.requestedRoles, []) AS requestedRoles,
       u.userAgreementVersion AS userAgreementVersion,
       [(u)-[:WORKS_FOR]->(o:Organisation) | [o.id, coalesce(o.signedAgreement, false)]]
         AS organisations
