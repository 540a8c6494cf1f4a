MATCH (b:BreakGlass {userId: $userId})-[:FOR]->(:Family {id: $familyId})
WHERE b.expiresAt > datetime()
RETURN b ORDER BY b.expiresAt DESC LIMIT 1
