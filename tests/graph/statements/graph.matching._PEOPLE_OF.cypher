UNWIND $keys AS key
MATCH (s:SourceRecord {sourceKey: key})
OPTIONAL MATCH (s)-[:ABOUT]->(p:Person)
OPTIONAL MATCH (s)-[:SUPPLIED_BY]->(o:Organisation)
RETURN collect({key: key, person: p.id, sector: o.sector, received: toString(s.receivedAt),
                given: s.givenName, family: s.familyName, born: toString(s.dateOfBirth),
                sex: s.sex}) AS rows
