UNWIND $rows AS row
MATCH (s:SourceRecord {id: row.sourceRecordId})
MATCH (o:Organisation {id: row.organisationId})
MERGE (s)-[:SUPPLIED_BY]->(o)
