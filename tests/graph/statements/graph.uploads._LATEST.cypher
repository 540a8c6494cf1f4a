MATCH (:Organisation {id: $organisationId})<-[:FROM]-(u:Upload)
WITH u ORDER BY u.receivedAt DESC, u.id DESC LIMIT 1
RETURN u {.*} AS u
