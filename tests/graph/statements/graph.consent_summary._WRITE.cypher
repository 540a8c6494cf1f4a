UNWIND $rows AS row
MATCH (p:Person {id: row.id})
FOREACH (k IN [k IN keys(p) WHERE k STARTS WITH 'consent:'] | REMOVE p[k])
REMOVE p.consentKeysUntil
SET p += row.props
