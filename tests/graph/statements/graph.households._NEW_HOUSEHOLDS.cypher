UNWIND $rows AS row
MATCH (a:Address {addressKey: row.key})
MERGE (h:Household {id: row.id})
ON CREATE SET h.addressKey = row.key, h.from = row.start, h.to = row.end,
              h.source = 'partner-lists', h.formedAt = $today
MERGE (h)-[:AT]->(a)
WITH h, row
UNWIND row.members AS member
MATCH (p:Person {id: member})
MERGE (p)-[:IN_HOUSEHOLD]->(h)
