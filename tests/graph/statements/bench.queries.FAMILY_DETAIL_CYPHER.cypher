MATCH (f:Family {id: $id})
CALL (f) {
  MATCH (f)<-[m:MEMBER_OF]-(p:Person) WHERE m.to IS NULL
  CALL (p) {
    OPTIONAL MATCH (p)-[l:LIVES_AT]->(a:Address) WHERE l.to IS NULL
    RETURN a LIMIT 1
  }
  CALL (p) {
    OPTIONAL MATCH (p)-[r:RELATED_TO]-(q:Person) WHERE r.revokedAt IS NULL
    RETURN collect({kind: r.kind, given: q.givenName, family: q.familyName,
                    source: r.source, rationale: r.rationale}) AS relatives
  }
  CALL (p) {
    OPTIONAL MATCH (p)<-[:ABOUT]-(s:SourceRecord)-[rep:REPORTS]->(c:Criterion),
                   (s)-[:SUPPLIED_BY]->(o:Organisation)
    RETURN collect({code: c.code, date: rep.evidenceDate, by: o.name}) AS criteria
  }
  RETURN collect({role: m.role, given: p.givenName, family: p.familyName, dob: p.dateOfBirth,
                  line1: a.line1, postcode: a.postcode, relatives: relatives,
                  criteria: criteria}) AS members
}
RETURN f.reference AS reference, f.status AS status, members
