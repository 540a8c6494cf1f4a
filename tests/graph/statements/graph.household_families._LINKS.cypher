UNWIND $people AS id
MATCH (a:Person {id: id})-[r:RELATED_TO]-(b:Person)
WHERE r.revokedAt IS NULL AND r.source = 'PRACTITIONER'
OPTIONAL MATCH (b)-[m:MEMBER_OF]->(f:Family) WHERE m.to IS NULL
RETURN collect({a: a.id, b: b.id, family: f.reference}) AS links
