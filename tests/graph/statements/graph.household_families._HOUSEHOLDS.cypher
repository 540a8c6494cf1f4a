MATCH (h:Household) WHERE h.to IS NULL
MATCH (p:Person)-[:IN_HOUSEHOLD]->(h)
OPTIONAL MATCH (p)-[m:MEMBER_OF]->(f:Family) WHERE m.to IS NULL
WITH h, p, min(f.reference) AS reference
WITH h, collect({person: p.id, dob: p.dateOfBirth, family: reference}) AS people
RETURN collect({household: h.id, people: people}) AS households
