UNWIND $rows AS row
MERGE (c:Criterion {code: row.code})
SET c.name = row.name, c.headlineProblem = row.headline, c.framework = row.framework
