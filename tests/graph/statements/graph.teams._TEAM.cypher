UNWIND $ids AS id
MATCH (f:Family {id: id})<-[t:MEMBER_OF_TEAM]-(u:User)
WHERE ($seeAll OR ($viaRelation AND (EXISTS { MATCH (f)<-[vis_t:MEMBER_OF_TEAM]-(vis_u:User) WHERE vis_t.to IS NULL AND (vis_u.id = $userId OR ($viaOrganisation AND coalesce(vis_u.status, 'APPROVED') = 'APPROVED' AND EXISTS { MATCH (vis_u)-[:WORKS_FOR]->(:Organisation {id: $organisationId}) }))} OR EXISTS { MATCH (f)<-[:FOR]-(vis_b:BreakGlass {userId: $userId}) WHERE vis_b.expiresAt > datetime() })))
RETURN f.id AS familyId, u.id AS userId, t
ORDER BY familyId, t.to IS NOT NULL, coalesce(t.lead, false) DESC, u.name, u.id, t.from
