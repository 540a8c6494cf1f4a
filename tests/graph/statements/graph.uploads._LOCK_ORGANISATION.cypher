MATCH (o:Organisation {id: $organisationId})
SET o._intakeLock = true REMOVE o._intakeLock
RETURN o.id AS id
