UNWIND $rows AS row
MERGE (n:Organisation {id: row.id}) ON CREATE SET n += row
