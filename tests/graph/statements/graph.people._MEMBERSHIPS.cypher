UNWIND $ids AS id
MATCH (p:Person {id: id})-[m:MEMBER_OF]->(f:Family)
WHERE ($seeAll OR ($viaRelation AND (EXISTS { MATCH (f)<-[vis_t:MEMBER_OF_TEAM]-(vis_u:User) WHERE vis_t.to IS NULL AND (vis_u.id = $userId OR ($viaOrganisation AND coalesce(vis_u.status, 'APPROVED') = 'APPROVED' AND EXISTS { MATCH (vis_u)-[:WORKS_FOR]->(:Organisation {id: $organisationId}) }))} OR EXISTS { MATCH (f)<-[:FOR]-(vis_b:BreakGlass {userId: $userId}) WHERE vis_b.expiresAt > datetime() })))
RETURN p.id AS personId, f.id AS familyId, m.role AS role, m.from AS from, m.to AS to
ORDER BY personId, f.reference
