MATCH (h:Household) WHERE h.id > $after
WITH h ORDER BY h.id LIMIT $limit
CALL (h) {
  MATCH (p:Person)-[:IN_HOUSEHOLD]->(h) WHERE h.to IS NULL
  OPTIONAL MATCH (p)-[m:MEMBER_OF]->(f:Family) WHERE m.to IS NULL
  WITH p, min(f.reference) AS reference
  RETURN collect({person: p.id, dob: toString(p.dateOfBirth), family: reference}) AS people
}
RETURN max(h.id) AS last,
       collect(CASE WHEN size(people) > 0 THEN {household: h.id, people: people} END) AS rows
