UNWIND $ids AS id
MATCH (u:Upload {id: id})
WHERE $organisationId IS NULL OR u.organisationId = $organisationId
RETURN collect(u {.*}) AS uploads
