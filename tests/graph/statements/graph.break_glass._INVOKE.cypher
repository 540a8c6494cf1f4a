MATCH (f:Family {id: $familyId})
CREATE (b:BreakGlass {
  id: $id, userId: $userId, organisationId: $organisationId, familyId: f.id,
  justification: $justification, grantedAt: datetime(),
  expiresAt: datetime() + duration({minutes: $minutes}), decisionId: $decisionId
})-[:FOR]->(f)
CREATE (d:SharingDecision {
  id: $decisionId, basis: 'VITAL_INTERESTS', condition: 'VITAL_INTERESTS_SPECIAL',
  justification: $justification, purposes: $purposes, organisations: [], sectors: [],
  users: [$userId], emergency: true, status: 'EMERGENCY', inForce: true, expiresAt: b.expiresAt,
  proposedBy: $userId, proposedByOrganisation: $organisationId, proposedAt: b.grantedAt,
  familyId: f.id
})
CREATE (b)-[:RECORDS]->(d)
CREATE (d)-[:ABOUT]->(f)
CREATE (n:Notification {
  id: $notificationId, kind: 'BREAK_GLASS', audience: 'ig_officer', createdAt: datetime(),
  message: 'User ' + $userId + ' invoked vital interests for family ' + f.reference
})-[:ABOUT]->(b)
WITH b, d, f
CALL (d, f) {
  MATCH (f)<-[m:MEMBER_OF]-(p:Person) WHERE m.to IS NULL
  CREATE (d)-[:COVERS]->(p)
  SET p.sharedWithoutConsent = true
}
RETURN b
