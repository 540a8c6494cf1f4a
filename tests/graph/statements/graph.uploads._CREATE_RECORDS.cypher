MATCH (u:Upload {id: $uploadId})-[:FROM]->(o:Organisation)
UNWIND $rows AS row
CREATE (s:SourceRecord)
SET s = row.values, s.id = row.id, s.sourceKey = row.key, s.organisationId = o.id,
    s.version = 1, s.uploadId = u.id, s.receivedAt = u.receivedAt
CREATE (s)-[:SUPPLIED_BY]->(o)
CREATE (s)-[:RECEIVED_IN]->(u)
WITH s, row
CALL (s, row) {
  UNWIND row.values.criteria AS code
  MATCH (c:Criterion {code: code})
  CREATE (s)-[:REPORTS {evidenceDate: row.values.evidenceDate}]->(c)
}
