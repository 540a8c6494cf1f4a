MATCH (s:SourceRecord) WHERE s.sourceKey > $after
WITH s ORDER BY s.sourceKey LIMIT $limit
RETURN max(s.sourceKey) AS last,
       collect(s {.sourceKey, .givenName, .familyName, .otherNames, .sex, .postcode, .town,
                  .uprn, .nhsNumber, .upn, dateOfBirth: toString(s.dateOfBirth)}) AS rows
