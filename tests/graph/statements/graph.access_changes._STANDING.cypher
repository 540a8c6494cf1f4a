MATCH (u:User {id: $userId})
SET u.status = $status, u.roles = $roles, u.active = $status = 'APPROVED',
    u.statusChangedAt = datetime(), u.statusChangedBy = $actorId
WITH u
// Revoked access ends the user's place on every team (kept as history): a team is what gives
// sight of a family, to them and to their organisation's partner system.
OPTIONAL MATCH (u)-[t:MEMBER_OF_TEAM]->(:Family)
WHERE $status = 'REVOKED' AND t.to IS NULL
SET t.to = date({timezone: 'Europe/London'}), t.endedAt = datetime(), t.endedBy = $actorId,
    t.endReason = 'Access to the system revoked.'
