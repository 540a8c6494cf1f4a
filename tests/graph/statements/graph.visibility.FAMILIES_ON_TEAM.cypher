CALL () {
  MATCH (:User {id: $userId})-[t:MEMBER_OF_TEAM]->(f:Family)
  WHERE $viaRelation AND t.to IS NULL RETURN f
  UNION
  MATCH (:Organisation {id: $organisationId})<-[:WORKS_FOR]-(u:User)-[t:MEMBER_OF_TEAM]->(f:Family)
  WHERE $viaRelation AND $viaOrganisation AND t.to IS NULL
    AND coalesce(u.status, 'APPROVED') = 'APPROVED'
  RETURN f
  UNION
  MATCH (b:BreakGlass {userId: $userId})-[:FOR]->(f:Family)
  WHERE $viaRelation AND b.expiresAt > datetime()
  RETURN f
}
