"""The register's fields that are not personal data (tests/api/test_data_classes.py)."""

from __future__ import annotations

# Staff, partner systems and organisations are not the subjects of the agreement, and these are
# the register's own records (tests/api/test_data_classes.py).
NOT_PERSONAL: frozenset[str] = frozenset(
    f"{type_name}.{field}"
    for type_name, fields in {
        "AccessStanding": (
            "status kind admitted refusal registeredRoles requestedRoles "
            "userAgreementAccepted userAgreementRequired"
        ),
        "RegisteredUser": (
            "status kind roles requestedRoles userAgreementAccepted user organisation"
        ),
        "AccessChange": (
            "at action actorId userId organisationId reason statusBefore statusAfter "
            "rolesBefore rolesAfter agreementBefore agreementAfter"
        ),
        "Viewer": "access",
    }.items()
    for field in fields.split()
)
