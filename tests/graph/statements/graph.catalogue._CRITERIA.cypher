UNWIND $codes AS code MATCH (c:Criterion {code: code}) RETURN c
