UNWIND $rows AS row
MATCH (p:Person {id: row.id})
SET p.givenName = row.givenName, p.familyName = row.familyName, p.nameKey = row.nameKey,
    p.dateOfBirth = row.dateOfBirth, p.sex = row.sex
