MATCH (p:Person {id: $personId}) WHERE ($seeAll OR ($viaRelation AND (EXISTS { MATCH (p)-[:MEMBER_OF]->(vis_f:Family) WHERE (EXISTS { MATCH (vis_f)<-[vis_t:MEMBER_OF_TEAM]-(vis_u:User) WHERE vis_t.to IS NULL AND (vis_u.id = $userId OR ($viaOrganisation AND coalesce(vis_u.status, 'APPROVED') = 'APPROVED' AND EXISTS { MATCH (vis_u)-[:WORKS_FOR]->(:Organisation {id: $organisationId}) }))} OR EXISTS { MATCH (vis_f)<-[:FOR]-(vis_b:BreakGlass {userId: $userId}) WHERE vis_b.expiresAt > datetime() }) } OR EXISTS { MATCH (p)<-[:ABOUT]-(:SourceRecord)-[:SUPPLIED_BY]->(:Organisation {id: $organisationId}) }))) SET p._lock = true REMOVE p._lock
WITH p
OPTIONAL MATCH (p)-[m:MEMBER_OF]->(:Family)<-[t:MEMBER_OF_TEAM]-(:User {id: $userId})
SET m._lock = true, t._lock = true
REMOVE m._lock, t._lock
RETURN p.id AS id, count(t) AS teams
