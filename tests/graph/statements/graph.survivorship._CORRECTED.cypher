UNWIND $keys AS key
MATCH (s:SourceRecord {sourceKey: key})-[:PREVIOUS]->(v:SourceRecordVersion)
WHERE v.supersededBy = $uploadId
MATCH (s)-[:ABOUT]->(p:Person)
RETURN collect({key: key, person: p.id, version: s.version, previous: v.version,
                after: {given: s.givenName, family: s.familyName, sex: s.sex,
                        born: toString(s.dateOfBirth)},
                before: {given: v.givenName, family: v.familyName, sex: v.sex,
                         born: toString(v.dateOfBirth)},
                now: {given: p.givenName, family: p.familyName, sex: p.sex,
                      born: toString(p.dateOfBirth)}})
       AS rows
