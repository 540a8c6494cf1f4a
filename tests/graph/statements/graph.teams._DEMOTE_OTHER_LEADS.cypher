MATCH (f:Family {id: $familyId})<-[t:MEMBER_OF_TEAM {lead: true}]-(u:User)
WHERE t.to IS NULL AND u.id <> $memberId
SET t.lead = false
