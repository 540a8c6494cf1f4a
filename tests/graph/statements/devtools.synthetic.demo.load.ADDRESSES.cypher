UNWIND $rows AS row
MERGE (n:Address {id: row.id}) ON CREATE SET n += row
