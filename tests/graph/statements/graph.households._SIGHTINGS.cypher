MATCH (s:SourceRecord) WHERE s.sourceKey > $after
WITH s ORDER BY s.sourceKey LIMIT $limit
OPTIONAL MATCH (s)-[:ABOUT]->(p:Person) WHERE p.mergedInto IS NULL
WITH s, p, CASE WHEN p IS NULL THEN []
                ELSE [s] + [(s)-[:PREVIOUS*1..]->(v:SourceRecordVersion) | v] END AS versions
RETURN max(s.sourceKey) AS last,
       collect([r IN versions WHERE r.addressLine1 IS NOT NULL AND r.postcode IS NOT NULL |
                {person: p.id, born: toString(p.dateOfBirth), surname: p.familyName,
                 recordSurname: r.familyName, on: toString(r.evidenceDate),
                 received: toString(r.receivedAt),
                 uprn: r.uprn, line1: r.addressLine1, line2: r.addressLine2, town: r.town,
                 postcode: r.postcode}]) AS rows
