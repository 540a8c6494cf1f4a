MATCH (u:Upload)
WHERE ($organisationId IS NULL OR u.organisationId = $organisationId)
  AND ($before IS NULL OR u.receivedAt < datetime($before)
       OR (u.receivedAt = datetime($before) AND u.id < $beforeId))
WITH u ORDER BY u.receivedAt DESC, u.id DESC LIMIT $limit
RETURN collect(u {.*}) AS uploads
