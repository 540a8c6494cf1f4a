UNWIND $rows AS row
MERGE (n:User {id: row.id}) ON CREATE SET n += row
WITH n, row
WHERE n.registeredBy IS NULL
SET n += row, n.registeredBy = 'synthetic-data', n.userAgreementVersion = $userAgreementVersion,
    n.userAgreementAcceptedAt = datetime()
