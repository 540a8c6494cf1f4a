MATCH (f:Family)
WHERE f.reference > $after
WITH f ORDER BY f.reference LIMIT $limit
CALL (f) {
  OPTIONAL MATCH (f)<-[m:MEMBER_OF]-(p:Person) WHERE m.to IS NULL
  WITH collect(DISTINCT p) AS people
  // A comprehension keeps a member with no date of birth (as null); collect() would drop them.
  // Due dates come from the records about the person now: a correction that removed one has
  // left it only in a SourceRecordVersion, and a merge moved the absorbed person's records here.
  RETURN [p IN people | {born: p.dateOfBirth,
                         due: [(p)<-[:ABOUT]-(s:SourceRecord) WHERE s.expectedDueDate IS NOT NULL
                               | s.expectedDueDate]}] AS members,
         // The latest evidence of each code: evidence ages, and the newest report is the one
         // that can still count. As text, which Python reads many times faster than the
         // driver's dates (graph.records.day).
         COLLECT { UNWIND people AS p
                   MATCH (p)<-[:ABOUT]-(:SourceRecord)-[r:REPORTS]->(c:Criterion)
                   WITH c.code AS code, max(r.evidenceDate) AS latest
                   RETURN [code, toString(latest)] } AS indicators
}
RETURN collect({id: f.id, reference: f.reference, status: f.status,
                members: members, indicators: indicators}) AS families
