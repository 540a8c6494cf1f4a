UNWIND $rows AS row
MATCH (p:Person {id: row.person}), (a:Address {addressKey: row.key})
WHERE NOT EXISTS {
  (p)-[l:LIVES_AT {source: 'partner-lists'}]->(a) WHERE l.supersededAt IS NULL
}
CREATE (p)-[:LIVES_AT {from: row.start, to: row.end, source: 'partner-lists'}]->(a)
