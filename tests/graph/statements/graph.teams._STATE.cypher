MATCH (f:Family {id: $familyId})
WHERE ($seeAll OR ($viaRelation AND (EXISTS { MATCH (f)<-[vis_t:MEMBER_OF_TEAM]-(vis_u:User) WHERE vis_t.to IS NULL AND (vis_u.id = $userId OR ($viaOrganisation AND coalesce(vis_u.status, 'APPROVED') = 'APPROVED' AND EXISTS { MATCH (vis_u)-[:WORKS_FOR]->(:Organisation {id: $organisationId}) }))} OR EXISTS { MATCH (f)<-[:FOR]-(vis_b:BreakGlass {userId: $userId}) WHERE vis_b.expiresAt > datetime() })))
OPTIONAL MATCH (u:User {id: $memberId})
RETURN
  EXISTS { MATCH (f)<-[c:MEMBER_OF_TEAM {lead: true}]-(:User {id: $userId}) WHERE c.to IS NULL }
    AS callerLeads,
  u IS NOT NULL AS userFound,
  coalesce(u.roles, []) AS roles,
  [(u)-[:WORKS_FOR]->(o:Organisation) | coalesce(o.signedAgreement, false)] AS signed,
  coalesce(u.status, 'APPROVED') = 'APPROVED' AS approved,
  [(u)-[t:MEMBER_OF_TEAM]->(f) | {active: t.to IS NULL, lead: coalesce(t.lead, false)}]
    AS memberships,
  COUNT { (f)<-[a:MEMBER_OF_TEAM]-(:User) WHERE a.to IS NULL } AS activeMembers
