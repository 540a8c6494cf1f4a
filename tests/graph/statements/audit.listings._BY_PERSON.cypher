MATCH (s:AuditSubject {personId: $personId})
WHERE s.chain = $chain AND ($before IS NULL OR s.first < $before)
WITH s ORDER BY s.last DESC LIMIT $spans

MATCH (d:Disclosure)
WHERE d.chain = $chain AND d.sequence >= s.first AND d.sequence <= s.last
  AND $personId IN coalesce(d.personIds, COLLECT { MATCH (dp:DisclosedPeople {digest: d.peopleDigest}) RETURN dp.personIds }[0])
WITH d
WHERE d.chain = $chain AND ($before IS NULL OR d.sequence < $before)
WITH d ORDER BY d.sequence DESC LIMIT $n
RETURN d {.*, personIds: coalesce(d.personIds, COLLECT { MATCH (dp:DisclosedPeople {digest: d.peopleDigest}) RETURN dp.personIds }[0]), restedOn: COLLECT { MATCH (db:DisclosedBases {digest: d.restedOnDigest}) RETURN db.refs }[0]} AS props
