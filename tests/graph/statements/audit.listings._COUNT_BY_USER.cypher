MATCH (d:Disclosure {userId: $userId}) WHERE d.chain = $chain RETURN count(d) AS n
