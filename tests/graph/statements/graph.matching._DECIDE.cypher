MATCH (r:MatchReview {id: $id})
SET r._lock = true REMOVE r._lock
WITH r WHERE r.status = 'PENDING'
SET r.status = $status, r.decidedBy = $userId, r.decidedAt = datetime(), r.reason = $reason
RETURN r.leftKey AS left, r.rightKey AS right, r.rule AS rule
