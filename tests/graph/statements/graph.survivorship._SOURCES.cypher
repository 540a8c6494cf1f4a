UNWIND $people AS id
MATCH (p:Person {id: id})
OPTIONAL MATCH (s:SourceRecord)-[:ABOUT]->(p) WHERE s.sourceKey IS NOT NULL
OPTIONAL MATCH (s)-[:SUPPLIED_BY]->(o:Organisation)
WITH p, s, o,
     CASE WHEN s.heldVersion IS NULL THEN s
          ELSE coalesce(head([(s)-[:PREVIOUS*1..]->(v:SourceRecordVersion)
                              WHERE v.version = s.heldVersion | v]), s) END AS r
WITH p, collect(CASE WHEN s IS NOT NULL THEN
                  {key: s.sourceKey, sector: o.sector, received: toString(r.receivedAt),
                   given: r.givenName, family: r.familyName, born: toString(r.dateOfBirth),
                   sex: r.sex} END) AS sources
RETURN collect({id: p.id, given: p.givenName, family: p.familyName,
                born: toString(p.dateOfBirth), sex: p.sex, sources: sources}) AS people
