MATCH (c:Criterion) RETURN collect(c.code) AS codes
