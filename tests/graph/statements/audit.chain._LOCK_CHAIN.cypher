MERGE (c:AuditChain {name: $chain})
ON CREATE SET c.head = $genesis, c.sequence = 0
SET c._lock = true REMOVE c._lock
WITH c
RETURN c.head AS head, c.sequence AS sequence
