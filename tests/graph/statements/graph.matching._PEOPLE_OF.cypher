UNWIND $keys AS key
MATCH (s:SourceRecord {sourceKey: key})
OPTIONAL MATCH (s)-[:ABOUT]->(p:Person)
RETURN collect({key: key, person: p.id, values: s {.givenName, .familyName, .dateOfBirth, .sex,
                                                  .receivedAt}}) AS rows
