UNWIND $rows AS row
MATCH (s:SourceRecord {id: row.sourceRecordId})
MATCH (c:Criterion {code: row.criterionCode})
MERGE (s)-[r:REPORTS]->(c) ON CREATE SET r.evidenceDate = row.evidenceDate
