UNWIND $rows AS row
MERGE (r:MatchReview {pair: row.pair})
ON CREATE SET r.id = row.id, r.leftKey = row.key, r.rightKey = row.key, r.weight = 0.0,
              r.probability = 0.0, r.rule = 'correction', r.modelVersion = '',
              r.personId = row.person, r.changedFields = row.fields, r.version = row.version,
              r.createdAt = datetime(), r.status = 'PENDING'
WITH row
MATCH (s:SourceRecord {sourceKey: row.key})
SET s.heldVersion = coalesce(s.heldVersion, row.held)
