MATCH (f:Family {id: $familyId}), (u:User {id: $memberId})
CREATE (u)-[:MEMBER_OF_TEAM {
  from: date({timezone: 'Europe/London'}), lead: $lead, addedBy: $userId, addedAt: datetime()
}]->(f)
