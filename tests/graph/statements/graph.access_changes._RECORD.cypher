CREATE (c:AccessChange {
  id: randomUUID(), at: datetime.truncate('microsecond', datetime()), action: $action,
  actorId: $actorId, userId: $userId, organisationId: $organisationId, reason: $reason,
  statusBefore: $statusBefore, statusAfter: $statusAfter,
  rolesBefore: $rolesBefore, rolesAfter: $rolesAfter,
  agreementBefore: $agreementBefore, agreementAfter: $agreementAfter
})
RETURN c
