MATCH (c:AccessChange)
WHERE ($userId IS NULL OR c.userId = $userId)
  AND ($organisationId IS NULL OR c.organisationId = $organisationId)
  AND ($action IS NULL OR c.action = $action)
  AND ($before IS NULL OR c.at < $before OR (c.at = $before AND c.id < $beforeId))
RETURN c ORDER BY c.at DESC, c.id DESC LIMIT $limit
