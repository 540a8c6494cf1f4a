MATCH (s:SourceRecord)-[:ABOUT]->(p:Person)
WHERE s.sourceKey IS NOT NULL AND p.mergedInto IS NULL
UNWIND [s] + [(s)-[:PREVIOUS*1..]->(v:SourceRecordVersion) | v] AS r
WITH p, r WHERE r.addressLine1 IS NOT NULL AND r.postcode IS NOT NULL
RETURN collect({person: p.id, born: p.dateOfBirth, surname: p.familyName,
                recordSurname: r.familyName, on: r.evidenceDate, received: r.receivedAt,
                uprn: r.uprn, line1: r.addressLine1, line2: r.addressLine2, town: r.town,
                postcode: r.postcode}) AS rows
