MATCH (c:AuditChain {name: $chain}) RETURN c.head AS head, c.sequence AS sequence
