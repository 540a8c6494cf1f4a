MATCH (:SourceRecord {sourceKey: $left})-[:ABOUT]->(survivor:Person)
MATCH (:SourceRecord {sourceKey: $right})-[:ABOUT]->(absorbed:Person)
WHERE survivor <> absorbed
SET absorbed._lock = true REMOVE absorbed._lock
WITH survivor, absorbed
MATCH (s:SourceRecord)-[a:ABOUT]->(absorbed)
WITH survivor, absorbed, collect(s) AS moved, collect(a) AS abouts
FOREACH (a IN abouts | DELETE a)
FOREACH (s IN moved | CREATE (s)-[:ABOUT]->(survivor))
SET absorbed.mergedInto = survivor.id
CREATE (m:Merge {id: $mergeId, survivorId: survivor.id, absorbedId: absorbed.id,
                 recordKeys: [s IN moved | s.sourceKey], at: datetime(), by: $userId,
                 reason: $reason, reviewId: $reviewId})
RETURN m {.*} AS m
