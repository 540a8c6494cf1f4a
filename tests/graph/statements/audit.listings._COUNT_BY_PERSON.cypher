MATCH (s:AuditSubject {personId: $personId}) WHERE s.chain = $chain
MATCH (d:Disclosure)
WHERE d.chain = $chain AND d.sequence >= s.first AND d.sequence <= s.last
  AND $personId IN coalesce(d.personIds, COLLECT { MATCH (dp:DisclosedPeople {digest: d.peopleDigest}) RETURN dp.personIds }[0])
RETURN count(d) AS n
