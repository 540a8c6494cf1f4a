MATCH (m:Merge {id: $id})
SET m._lock = true REMOVE m._lock
WITH m WHERE m.undoneAt IS NULL
MATCH (survivor:Person {id: m.survivorId}), (absorbed:Person {id: m.absorbedId})
OPTIONAL MATCH (s:SourceRecord)-[a:ABOUT]->(survivor) WHERE s.sourceKey IN m.recordKeys
WITH m, survivor, absorbed, collect(s) AS back, collect(a) AS abouts
FOREACH (a IN abouts | DELETE a)
FOREACH (s IN back | CREATE (s)-[:ABOUT]->(absorbed))
REMOVE absorbed.mergedInto
SET m.undoneAt = datetime(), m.undoneBy = $userId, m.undoReason = $reason
RETURN m {.*} AS m
