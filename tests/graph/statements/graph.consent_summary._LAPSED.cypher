MATCH (p:Person) WHERE p.consentUntil < $today
RETURN p.id AS id ORDER BY p.consentUntil LIMIT $limit
