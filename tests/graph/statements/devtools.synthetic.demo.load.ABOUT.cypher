UNWIND $rows AS row
MATCH (s:SourceRecord {id: row.sourceRecordId})
MATCH (p:Person {id: row.personId})
MERGE (s)-[:ABOUT]->(p)
