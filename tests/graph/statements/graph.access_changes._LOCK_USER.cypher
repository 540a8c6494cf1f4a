MATCH (u:User {id: $userId}) SET u._lock = true REMOVE u._lock
