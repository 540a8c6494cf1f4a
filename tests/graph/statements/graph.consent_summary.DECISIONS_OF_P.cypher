UNWIND $ids AS id
MATCH (p:Person {id: id})
RETURN p.id AS id, toString(p.dateOfBirth) AS born,
  COLLECT { MATCH (p)<-[:CONCERNS]-(c:Consent)
            RETURN c {.*, givenOn: toString(c.givenOn), expiresOn: toString(c.expiresOn),
                      recordedAt: toString(c.recordedAt), withdrawnAt: toString(c.withdrawnAt)}
          } AS consents
