MATCH (d:Disclosure {userId: $userId})
WHERE d.chain = $chain AND ($before IS NULL OR d.sequence < $before)
WITH d ORDER BY d.sequence DESC LIMIT $n
RETURN d {.*, personIds: coalesce(d.personIds, COLLECT { MATCH (dp:DisclosedPeople {digest: d.peopleDigest}) RETURN dp.personIds }[0]), restedOn: COLLECT { MATCH (db:DisclosedBases {digest: d.restedOnDigest}) RETURN db.refs }[0]} AS props
