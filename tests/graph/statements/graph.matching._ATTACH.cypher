UNWIND $rows AS row
MATCH (s:SourceRecord {sourceKey: row.key}), (p:Person {id: row.person})
WHERE NOT EXISTS { (s)-[:ABOUT]->(:Person) }
CREATE (s)-[:ABOUT]->(p)
