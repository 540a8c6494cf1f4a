MATCH (p:Person) WHERE ($seeAll OR ($viaRelation AND (EXISTS { MATCH (p)-[:MEMBER_OF]->(vis_f:Family) WHERE (EXISTS { MATCH (vis_f)<-[vis_t:MEMBER_OF_TEAM]-(vis_u:User) WHERE vis_t.to IS NULL AND (vis_u.id = $userId OR ($viaOrganisation AND coalesce(vis_u.status, 'APPROVED') = 'APPROVED' AND EXISTS { MATCH (vis_u)-[:WORKS_FOR]->(:Organisation {id: $organisationId}) }))} OR EXISTS { MATCH (vis_f)<-[:FOR]-(vis_b:BreakGlass {userId: $userId}) WHERE vis_b.expiresAt > datetime() }) } OR EXISTS { MATCH (p)<-[:ABOUT]-(:SourceRecord)-[:SUPPLIED_BY]->(:Organisation {id: $organisationId}) }))) AND
($consentPurpose IS NULL OR ([cs_v IN [CASE WHEN p.consentUntil >= $today THEN coalesce(p[$consentOrganisationKey], p[$consentSectorKey]) END] | CASE WHEN cs_v STARTS WITH 'c:' THEN cs_v ELSE CASE WHEN p.sharedWithoutConsent THEN [(p)<-[:COVERS]-(cs_d:SharingDecision) WHERE cs_d.inForce AND cs_d.expiresAt > $now AND $consentPurpose IN cs_d.purposes AND ($organisationId IN cs_d.organisations OR $organisationSector IN cs_d.sectors OR $userId IN coalesce(cs_d.users, [])) | 'd:' + cs_d.id][0] END END][0] IS NOT NULL))
  AND ($name IS NULL OR p.nameKey CONTAINS $name)
  AND ($dob IS NULL OR p.dateOfBirth = $dob)
  AND ($criterion IS NULL OR EXISTS {
        MATCH (p)<-[:ABOUT]-(:SourceRecord)-[:REPORTS]->(:Criterion {code: $criterion}) })
  AND ($district IS NULL OR EXISTS {
        MATCH (p)-[l:LIVES_AT]->(a:Address {postcodeDistrict: $district}) WHERE l.to IS NULL })
  AND ($familyStatus IS NULL OR EXISTS {
        MATCH (p)-[m:MEMBER_OF]->(f:Family {status: $familyStatus}) WHERE m.to IS NULL AND ($consentPurpose IS NULL OR EXISTS { MATCH (f)<-[cw_m:MEMBER_OF]-(cw_p:Person) WHERE cw_m.to IS NULL AND ([cs_v IN [CASE WHEN cw_p.consentUntil >= $today THEN coalesce(cw_p[$consentOrganisationKey], cw_p[$consentSectorKey]) END] | CASE WHEN cs_v STARTS WITH 'c:' THEN cs_v ELSE CASE WHEN cw_p.sharedWithoutConsent THEN [(cw_p)<-[:COVERS]-(cs_d:SharingDecision) WHERE cs_d.inForce AND cs_d.expiresAt > $now AND $consentPurpose IN cs_d.purposes AND ($organisationId IN cs_d.organisations OR $organisationSector IN cs_d.sectors OR $userId IN coalesce(cs_d.users, [])) | 'd:' + cs_d.id][0] END END][0] IS NOT NULL) }) })

  AND p.nameKey >= $fromKey
  AND ($afterKey IS NULL OR p.nameKey > $afterKey OR (p.nameKey = $afterKey AND p.id > $afterId))
WITH p ORDER BY p.nameKey, p.id LIMIT $limit
RETURN collect(p {.*}) AS people
