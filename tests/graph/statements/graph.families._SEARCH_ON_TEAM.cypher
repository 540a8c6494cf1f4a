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
WITH f WHERE f.reference > $after AND
($status IS NULL OR (f.status = $status AND ($consentPurpose IS NULL OR EXISTS { MATCH (f)<-[cw_m:MEMBER_OF]-(cw_p:Person) WHERE cw_m.to IS NULL AND ([cs_v IN [CASE WHEN cw_p.consentUntil >= $today THEN coalesce(cw_p[$consentOrganisationKey], cw_p[$consentSectorKey]) END] | CASE WHEN cs_v STARTS WITH 'c:' THEN cs_v ELSE CASE WHEN cw_p.sharedWithoutConsent THEN [(cw_p)<-[:COVERS]-(cs_d:SharingDecision) WHERE cs_d.inForce AND cs_d.expiresAt > $now AND $consentPurpose IN cs_d.purposes AND ($organisationId IN cs_d.organisations OR $organisationSector IN cs_d.sectors OR $userId IN coalesce(cs_d.users, [])) | 'd:' + cs_d.id][0] END END][0] IS NOT NULL) })))
  AND ($criterion IS NULL OR EXISTS {
        MATCH (f)<-[m:MEMBER_OF]-(fp:Person)<-[:ABOUT]-(:SourceRecord)
              -[:REPORTS]->(:Criterion {code: $criterion})
        WHERE m.to IS NULL AND ($consentPurpose IS NULL OR ([cs_v IN [CASE WHEN fp.consentUntil >= $today THEN coalesce(fp[$consentOrganisationKey], fp[$consentSectorKey]) END] | CASE WHEN cs_v STARTS WITH 'c:' THEN cs_v ELSE CASE WHEN fp.sharedWithoutConsent THEN [(fp)<-[:COVERS]-(cs_d:SharingDecision) WHERE cs_d.inForce AND cs_d.expiresAt > $now AND $consentPurpose IN cs_d.purposes AND ($organisationId IN cs_d.organisations OR $organisationSector IN cs_d.sectors OR $userId IN coalesce(cs_d.users, [])) | 'd:' + cs_d.id][0] END END][0] IS NOT NULL)) })
  AND ($district IS NULL OR EXISTS {
        MATCH (f)<-[m:MEMBER_OF]-(fp:Person)-[l:LIVES_AT]->(:Address {postcodeDistrict: $district})
        WHERE m.to IS NULL AND l.to IS NULL AND ($consentPurpose IS NULL OR ([cs_v IN [CASE WHEN fp.consentUntil >= $today THEN coalesce(fp[$consentOrganisationKey], fp[$consentSectorKey]) END] | CASE WHEN cs_v STARTS WITH 'c:' THEN cs_v ELSE CASE WHEN fp.sharedWithoutConsent THEN [(fp)<-[:COVERS]-(cs_d:SharingDecision) WHERE cs_d.inForce AND cs_d.expiresAt > $now AND $consentPurpose IN cs_d.purposes AND ($organisationId IN cs_d.organisations OR $organisationSector IN cs_d.sectors OR $userId IN coalesce(cs_d.users, [])) | 'd:' + cs_d.id][0] END END][0] IS NOT NULL)) })
WITH f ORDER BY f.reference LIMIT $limit
RETURN collect({f: f {.*, identifiedAt: toString(f.identifiedAt), statusAssessedAt: toString(f.statusAssessedAt)}, members: [(f)<-[m:MEMBER_OF]-(p:Person) WHERE m.to IS NULL
                                      | [p.id, CASE WHEN $consentPurpose IS NOT NULL THEN [cs_v IN [CASE WHEN p.consentUntil >= $today THEN coalesce(p[$consentOrganisationKey], p[$consentSectorKey]) END] | CASE WHEN cs_v STARTS WITH 'c:' THEN cs_v ELSE CASE WHEN p.sharedWithoutConsent THEN [(p)<-[:COVERS]-(cs_d:SharingDecision) WHERE cs_d.inForce AND cs_d.expiresAt > $now AND $consentPurpose IN cs_d.purposes AND ($organisationId IN cs_d.organisations OR $organisationSector IN cs_d.sectors OR $userId IN coalesce(cs_d.users, [])) | 'd:' + cs_d.id][0] END END][0] END]]}) AS rows
