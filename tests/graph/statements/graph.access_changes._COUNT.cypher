MATCH (c:AccessChange)
WHERE ($userId IS NULL OR c.userId = $userId)
  AND ($organisationId IS NULL OR c.organisationId = $organisationId)
  AND ($action IS NULL OR c.action = $action)
RETURN count(c) AS n
