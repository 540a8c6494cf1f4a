MATCH (u:Upload {id: $uploadId})
UNWIND $rows AS row
MATCH (s:SourceRecord {sourceKey: row.key})
OPTIONAL MATCH (s)-[old:PREVIOUS]->(older:SourceRecordVersion)
CREATE (v:SourceRecordVersion)
SET v = s {.*}, v.supersededAt = u.receivedAt, v.supersededBy = u.id
REMOVE v.id, v.sourceKey
CREATE (s)-[:PREVIOUS]->(v)
FOREACH (_ IN CASE WHEN older IS NULL THEN [] ELSE [1] END |
  CREATE (v)-[:PREVIOUS]->(older) DELETE old)
// Every value property is in row.values; a null one removes a value the correction left out.
SET s += row.values, s.version = s.version + 1, s.uploadId = u.id, s.receivedAt = u.receivedAt
MERGE (s)-[:RECEIVED_IN]->(u)
WITH s, row
CALL (s) { MATCH (s)-[r:REPORTS]->(:Criterion) DELETE r }
CALL (s, row) {
  UNWIND row.values.criteria AS code
  MATCH (c:Criterion {code: code})
  CREATE (s)-[:REPORTS {evidenceDate: row.values.evidenceDate}]->(c)
}
