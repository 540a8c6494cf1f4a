MATCH (u:Upload {id: $uploadId})
SET u.loadedRows = u.loadedRows + $n, u.created = u.created + $created,
    u.updated = u.updated + $updated, u.unchanged = u.unchanged + $unchanged,
    u.status = CASE WHEN u.loadedRows + $n >= u.accepted THEN 'COMPLETE' ELSE u.status END
RETURN u {.*} AS u
