MATCH (f:Family {id: $familyId})<-[t:MEMBER_OF_TEAM]-(:User {id: $memberId})
WHERE t.to IS NULL
SET t.lead = true
