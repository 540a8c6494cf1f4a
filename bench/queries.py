"""What the benchmark asks: the same data through the API and through bare Cypher."""

from __future__ import annotations

FAMILY_DETAIL_GRAPHQL = """
query($id: ID!) {
  family(id: $id) {
    reference status
    members { edges { role node {
      givenName familyName dateOfBirth
      currentAddress { line1 postcode }
      relatives { edges { kind node { givenName familyName } link { source rationale } } }
      criteriaMet { edges { node { code } evidenceDate reportedBy { name } } }
    } } }
  }
}
"""

FAMILY_DETAIL_CYPHER = """
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
"""

FAMILIES_PAGE_GRAPHQL = """
query($after: String) {
  families(first: 100, after: $after) {
    totalCount
    pageInfo { endCursor hasNextPage }
    edges { node { id reference status identifiedAt } }
  }
}
"""

FAMILIES_PAGE_CYPHER = """
MATCH (f:Family) WHERE f.reference > $after
RETURN f.id AS id, f.reference AS reference, f.status AS status, f.identifiedAt AS identifiedAt
ORDER BY f.reference LIMIT 100
"""

FAMILIES_COUNT_CYPHER = "MATCH (f:Family) RETURN count(f) AS total"

FAMILY_IDS_CYPHER = "MATCH (f:Family) RETURN f.id AS id, f.reference AS reference"
