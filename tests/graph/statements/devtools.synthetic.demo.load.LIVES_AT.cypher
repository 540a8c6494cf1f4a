UNWIND $rows AS row
MATCH (p:Person {id: row.personId})
MATCH (a:Address {id: row.addressId})
MERGE (p)-[l:LIVES_AT {from: row.from}]->(a) ON CREATE SET l.to = row.to
