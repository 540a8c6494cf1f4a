UNWIND $rows AS row
MATCH (p:Person {id: row.person}), (a:Address {addressKey: row.key})
CREATE (p)-[:LIVES_AT {from: row.start, to: row.end, source: 'partner-lists'}]->(a)
