MATCH (u:Upload {id: $uploadId})
UNWIND $keys AS key
MATCH (s:SourceRecord {sourceKey: key})
MERGE (s)-[:RECEIVED_IN]->(u)
