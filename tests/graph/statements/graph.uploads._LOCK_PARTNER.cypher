MATCH (u:Upload {id: $uploadId})
SET u._lock = true REMOVE u._lock
WITH u
MATCH (u)-[:FROM]->(o:Organisation)
SET o._intakeLock = true REMOVE o._intakeLock
RETURN u.loadedRows AS loadedRows, u.status AS status, u.organisationId AS organisationId
