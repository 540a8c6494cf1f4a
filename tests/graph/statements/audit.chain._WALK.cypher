MATCH (d:Disclosure)
WHERE d.chain = $chain AND d.sequence > $after AND d.sequence <= $last
WITH d ORDER BY d.sequence LIMIT $n
RETURN d {.*, personIds: coalesce(d.personIds, COLLECT { MATCH (dp:DisclosedPeople {digest: d.peopleDigest}) RETURN dp.personIds }[0]), restedOn: COLLECT { MATCH (db:DisclosedBases {digest: d.restedOnDigest}) RETURN db.refs }[0]} AS props
