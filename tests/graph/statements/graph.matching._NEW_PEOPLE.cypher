UNWIND $people AS person
CREATE (p:Person {id: person.id, givenName: person.givenName, familyName: person.familyName,
                  nameKey: person.nameKey,
                  dateOfBirth: person.dateOfBirth, sex: person.sex, createdBy: 'matching',
                  consentUntil: date('9999-12-31')})
