CREATE (d:SharingDecision {
  id: $id, basis: $basis, condition: $condition, justification: $justification,
  purposes: $purposes, organisations: $organisations, sectors: $sectors, emergency: $emergency,
  status: $status, inForce: $inForce, expiresAt: datetime($expiresAt), proposedBy: $userId,
  proposedByOrganisation: $organisationId, proposedAt: datetime(), familyId: $familyId
})
WITH d
CALL (d) {
  UNWIND $people AS personId MATCH (p:Person {id: personId}) CREATE (d)-[:COVERS]->(p)
  SET p.sharedWithoutConsent = true
}
CALL (d) {
  OPTIONAL MATCH (f:Family {id: $familyId}) FOREACH (_ IN CASE WHEN f IS NULL THEN [] ELSE [1] END |
    CREATE (d)-[:ABOUT]->(f))
}
CALL (d) {
  FOREACH (_ IN CASE WHEN $emergency THEN [1] ELSE [] END |
    CREATE (:Notification {id: $notificationId, kind: 'SHARING_EMERGENCY',
                           audience: 'ig_officer', createdAt: datetime(),
                           message: 'User ' + $userId + ' shared without consent in an emergency ('
                                    + $basis + '): review the decision'})-[:ABOUT]->(d))
}
WITH d RETURN d {.*, expiresAt: toString(d.expiresAt), proposedAt: toString(d.proposedAt), decidedAt: toString(d.decidedAt)} AS d, COLLECT { MATCH (d)-[:COVERS]->(p:Person) RETURN p.id } AS people
