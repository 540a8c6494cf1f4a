MATCH (b:BreakGlass {userId: $userId}) WHERE b.expiresAt > datetime()
RETURN count(b) > 0 AS active
