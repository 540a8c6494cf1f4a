MATCH (s:SourceRecord {sourceKey: $key})-[:ABOUT]->(p:Person)
REMOVE s.heldVersion
RETURN p.id AS person
