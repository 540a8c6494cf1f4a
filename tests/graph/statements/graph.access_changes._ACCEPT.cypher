MATCH (u:User {id: $userId})
SET u.userAgreementVersion = $version, u.userAgreementAcceptedAt = datetime()
