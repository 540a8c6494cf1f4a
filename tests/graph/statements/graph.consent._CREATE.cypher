MATCH (p:Person {id: $personId})
CREATE (c:Consent {
  id: $id, status: $status, purposes: $purposes, organisations: $organisationIds,
  sectors: $sectors, specialCategories: $specialCategories, grantorKind: $grantorKind,
  grantorName: $grantorName, grantorRelationship: $grantorRelationship,
  grantorReason: $grantorReason, method: $method, formReference: $formReference,
  privacyNoticeVersion: $privacyNoticeVersion, privacyNoticeGivenOn: $privacyNoticeGivenOn,
  givenOn: $givenOn, expiresOn: $expiresOn, recordedAt: datetime(), recordedBy: $userId
})-[:CONCERNS]->(p)
RETURN c, p.id AS personId, p.dateOfBirth AS born
