MATCH (u:User)
WHERE u.status IS NOT NULL AND ($status IS NULL OR u.status = $status)
RETURN count(u) AS n
