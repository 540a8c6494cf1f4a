MATCH (r:MatchReview {id: $id})
OPTIONAL MATCH (:SourceRecord {sourceKey: r.leftKey})-[:ABOUT]->(lp:Person)
OPTIONAL MATCH (:SourceRecord {sourceKey: r.rightKey})-[:ABOUT]->(rp:Person)
RETURN collect(r {.*, leftPerson: lp.id, rightPerson: coalesce(r.personId, rp.id)}) AS reviews
