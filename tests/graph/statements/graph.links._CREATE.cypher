MATCH (a:Person {id: $a}), (b:Person {id: $b})
CREATE (a)-[r:RELATED_TO {
  id: $id, kind: $kind, source: 'PRACTITIONER', createdAt: datetime(),
  createdBy: $userId, createdByOrganisation: $organisationId, rationale: $rationale
}]->(b)
RETURN r, a.id AS fromId, b.id AS toId
