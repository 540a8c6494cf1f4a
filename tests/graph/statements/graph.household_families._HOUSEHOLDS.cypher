MATCH (h:Household) WHERE h.id > $after
WITH h ORDER BY h.id LIMIT $limit
CALL (h) {
  MATCH (p:Person)-[:IN_HOUSEHOLD]->(h) WHERE h.to IS NULL
  OPTIONAL MATCH (p)-[m:MEMBER_OF]->(f:Family) WHERE m.to IS NULL
  WITH p, m, f ORDER BY f.reference
  // The family they are in now, and their role in it when this job gave it.
  WITH p, head(collect(CASE WHEN f IS NOT NULL THEN
                         {reference: f.reference,
                          role: CASE WHEN m.source = 'partner-lists' THEN m.role END} END))
            AS membership
  RETURN collect({person: p.id, dob: toString(p.dateOfBirth), family: membership.reference,
                  role: membership.role}) AS people
}
RETURN max(h.id) AS last,
       collect(CASE WHEN size(people) > 0 THEN {household: h.id, people: people} END) AS rows
