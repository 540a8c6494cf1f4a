WITH p
OPTIONAL MATCH (p)-[m:MEMBER_OF]->(:Family)<-[t:MEMBER_OF_TEAM]-(:User {id: $userId})
SET m._lock = true, t._lock = true
REMOVE m._lock, t._lock
RETURN p.id AS id, count(t) AS teams
