CALL (p) {
  OPTIONAL MATCH (p)-[l:LIVES_AT]->(a:Address)
  WITH l, a ORDER BY l.to IS NULL DESC, l.from DESC
  RETURN collect(CASE WHEN a IS NULL THEN null
                 ELSE {a: a {.*}, from: toString(l.from), to: toString(l.to)} END)
         AS residences
}
CALL (p) {
  OPTIONAL MATCH (p)-[r:RELATED_TO]-(q:Person)
  WHERE ($seeAll OR ($viaRelation AND (EXISTS { MATCH (q)-[:MEMBER_OF]->(vis_f:Family) WHERE (EXISTS { MATCH (vis_f)<-[vis_t:MEMBER_OF_TEAM]-(vis_u:User) WHERE vis_t.to IS NULL AND (vis_u.id = $userId OR ($viaOrganisation AND coalesce(vis_u.status, 'APPROVED') = 'APPROVED' AND EXISTS { MATCH (vis_u)-[:WORKS_FOR]->(:Organisation {id: $organisationId}) }))} OR EXISTS { MATCH (vis_f)<-[:FOR]-(vis_b:BreakGlass {userId: $userId}) WHERE vis_b.expiresAt > datetime() }) } OR EXISTS { MATCH (q)<-[:ABOUT]-(:SourceRecord)-[:SUPPLIED_BY]->(:Organisation {id: $organisationId}) })))
  WITH r ORDER BY r.createdAt, r.id
  RETURN collect(CASE WHEN r IS NULL THEN null
                 ELSE {r: r {.*, createdAt: toString(r.createdAt),
                               revokedAt: toString(r.revokedAt)},
                       fromId: startNode(r).id, toId: endNode(r).id} END)
         AS links
}
CALL (p) {
  OPTIONAL MATCH (p)<-[:ABOUT]-(s:SourceRecord)-[rep:REPORTS]->(c:Criterion),
                 (s)-[:SUPPLIED_BY]->(o:Organisation)
  WITH s, rep, c, o ORDER BY rep.evidenceDate DESC, c.code
  RETURN collect(CASE WHEN c IS NULL THEN null
                 ELSE {c: c {.*}, o: o {.*}, s: s.id, date: toString(rep.evidenceDate),
                       received: toString(s.receivedAt)} END)
         AS criteria
}
