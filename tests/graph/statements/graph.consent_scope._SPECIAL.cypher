UNWIND $ids AS id
MATCH (p:Person {id: id})
RETURN p.id AS id, toString(p.dateOfBirth) AS born,
  COLLECT { MATCH (p)<-[:CONCERNS]-(c:Consent)
            RETURN c {.*, givenOn: toString(c.givenOn), expiresOn: toString(c.expiresOn),
                      recordedAt: toString(c.recordedAt), withdrawnAt: toString(c.withdrawnAt)}
          } AS consents,
  COLLECT { MATCH (p)<-[:COVERS]-(d:SharingDecision)
            WHERE d.inForce AND d.expiresAt > $now AND d.condition IS NOT NULL
              AND $consentPurpose IN d.purposes
              AND ($organisationId IN d.organisations OR $organisationSector IN d.sectors
                   OR $userId IN coalesce(d.users, []))
            RETURN [d.id, d.condition] } AS decisions
