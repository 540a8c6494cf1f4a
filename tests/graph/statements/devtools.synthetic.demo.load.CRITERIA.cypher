UNWIND $rows AS row
MERGE (n:Criterion {code: row.code}) ON CREATE SET n += row
