UNWIND $rows AS row
MERGE (n:Person {id: row.id})
ON CREATE SET n += row, n.consentUntil = date('9999-12-31')
