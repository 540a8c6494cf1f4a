CALL (c) {
  UNWIND $lists AS list
  MERGE (dp:DisclosedPeople {digest: list.digest})
  ON CREATE SET dp.personIds = list.personIds
}
CALL (c) {
  UNWIND $bases AS list
  MERGE (db:DisclosedBases {digest: list.digest})
  ON CREATE SET db.refs = list.refs
}
CALL (c) {
  UNWIND $rows AS row
  CREATE (d:Disclosure)
  SET d = row, d.occurredAt = datetime(row.occurredAt)
}
CALL (c) {
  UNWIND $subjects AS personId
  CREATE (:AuditSubject {personId: personId, chain: c.name, first: $first, last: $sequence})
}
SET c.head = $head, c.sequence = $sequence
