MATCH (:Organisation {id: $organisationId})<-[:FROM]-(u:Upload {contentSha256: $sha})
WHERE u.strict = $strict AND u.status = 'RECEIVING'
SET u.status = 'INTERRUPTED'
