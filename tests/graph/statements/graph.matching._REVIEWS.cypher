MATCH (r:MatchReview {status: $status})
WHERE $after IS NULL OR r.createdAt > datetime($after)
   OR (r.createdAt = datetime($after) AND r.id > $afterId)
WITH r ORDER BY r.createdAt, r.id LIMIT $limit
OPTIONAL MATCH (:SourceRecord {sourceKey: r.leftKey})-[:ABOUT]->(lp:Person)
OPTIONAL MATCH (:SourceRecord {sourceKey: r.rightKey})-[:ABOUT]->(rp:Person)
RETURN collect(r {.*, leftPerson: lp.id, rightPerson: coalesce(r.personId, rp.id)}) AS reviews
