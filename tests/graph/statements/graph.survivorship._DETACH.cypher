MATCH (s:SourceRecord {sourceKey: $key})-[a:ABOUT]->(old:Person)
DELETE a
CREATE (p:Person {id: $newId, givenName: '', familyName: '', nameKey: '',
                  createdBy: 'correction', consentUntil: date('9999-12-31')})
CREATE (s)-[:ABOUT]->(p)
REMOVE s.heldVersion
WITH old, p
MATCH (r:MatchReview {id: $reviewId})
SET r.detachedTo = p.id
RETURN old.id AS old
