MATCH (s:SourceRecord) WHERE s.sourceKey IS NOT NULL
RETURN collect(s {.sourceKey, .givenName, .familyName, .otherNames, .dateOfBirth, .sex,
                  .postcode, .uprn, .nhsNumber, .upn}) AS records
