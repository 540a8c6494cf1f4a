UNWIND $rows AS row
MERGE (n:Family {id: row.id}) ON CREATE SET n += row
