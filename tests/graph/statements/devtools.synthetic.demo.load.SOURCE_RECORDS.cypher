UNWIND $rows AS row
MERGE (n:SourceRecord {id: row.id}) ON CREATE SET n += row
