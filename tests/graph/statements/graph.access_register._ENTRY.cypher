RETURN u.id AS id, u.status AS status, coalesce(u.kind, 'PERSON') AS kind,
       coalesce(u.roles, []) AS roles, coalesce(u.requestedRoles, []) AS requestedRoles,
       u.userAgreementVersion AS userAgreementVersion,
       [(u)-[:WORKS_FOR]->(o:Organisation) | [o.id, coalesce(o.signedAgreement, false)]]
         AS organisations
