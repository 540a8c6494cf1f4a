MATCH (u:Upload {organisationId: $organisationId, contentSha256: $sha})
WHERE u.strict = $strict
RETURN u {.*} AS u ORDER BY u.receivedAt DESC LIMIT 1
