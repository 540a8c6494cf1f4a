MATCH (f:Family {id: $familyId})<-[t:MEMBER_OF_TEAM]-(:User {id: $memberId})
WHERE t.to IS NULL
SET t.to = date({timezone: 'Europe/London'}), t.endedAt = datetime(),
    t.endedBy = $userId, t.endReason = $reason
