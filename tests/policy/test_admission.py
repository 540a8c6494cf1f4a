"""The register's decision on a caller (policy.admission), case by case: each reason a caller with
a valid token is refused, in the order it is given, and the roles an admitted caller acts with."""

from __future__ import annotations

import dataclasses

import pytest

from policy.admission import UNAUTHENTICATED, Admission, Refusal, Standing, admit

CURRENT = "2"
APPROVED = Standing(
    status="APPROVED",
    kind="PERSON",
    roles=frozenset({"practitioner", "lead_practitioner"}),
    organisation_ids=("org-a",),
    organisation_signed=True,
    user_agreement_version=CURRENT,
)
SYSTEM = dataclasses.replace(
    APPROVED, kind="SYSTEM", roles=frozenset({"partner_system"}), user_agreement_version=None
)


def _admit(
    standing: Standing | None,
    claimed: set[str] | None = None,
    organisation_id: str = "org-a",
) -> Admission:
    return admit(
        standing,
        organisation_id=organisation_id,
        claimed_roles=frozenset(claimed) if claimed is not None else None,
        user_agreement=CURRENT,
    )


def test_an_approved_person_with_the_current_agreement_acts_with_the_register_roles() -> None:
    assert _admit(APPROVED) == Admission(APPROVED.roles, None)
    assert _admit(APPROVED).admitted


@pytest.mark.parametrize(
    ("claimed", "roles"),
    [
        ({"practitioner"}, {"practitioner"}),
        ({"practitioner", "coordinator"}, {"practitioner"}),
        ({"lead_practitioner", "practitioner"}, {"lead_practitioner", "practitioner"}),
    ],
)
def test_a_claim_narrows_the_register_roles(claimed: set[str], roles: set[str]) -> None:
    assert _admit(APPROVED, claimed) == Admission(frozenset(roles), None)


@pytest.mark.parametrize("claimed", [{"coordinator"}, {"administrator", "data_analyst"}])
def test_a_claim_never_widens_them(claimed: set[str]) -> None:
    assert _admit(APPROVED, claimed) == Admission(frozenset(), Refusal.ROLE_NOT_HELD)


@pytest.mark.parametrize(
    ("standing", "organisation_id", "refusal"),
    [
        (None, "org-a", Refusal.UNREGISTERED),
        (APPROVED, "org-b", Refusal.ORGANISATION_MISMATCH),
        (
            dataclasses.replace(APPROVED, organisation_ids=()),
            "org-a",
            Refusal.ORGANISATION_MISMATCH,
        ),
        (
            dataclasses.replace(APPROVED, organisation_ids=("org-a", "org-b")),
            "org-a",
            Refusal.ORGANISATION_MISMATCH,
        ),
        (dataclasses.replace(APPROVED, status="REQUESTED"), "org-a", Refusal.PENDING_APPROVAL),
        (dataclasses.replace(APPROVED, status="SUSPENDED"), "org-a", Refusal.SUSPENDED),
        (dataclasses.replace(APPROVED, status="REVOKED"), "org-a", Refusal.REVOKED),
        (dataclasses.replace(APPROVED, status="approved"), "org-a", Refusal.SUSPENDED),
        (dataclasses.replace(APPROVED, status="UNHEARD_OF"), "org-a", Refusal.SUSPENDED),
        (
            dataclasses.replace(APPROVED, organisation_signed=False),
            "org-a",
            Refusal.ORGANISATION_NOT_SIGNED,
        ),
        (
            dataclasses.replace(APPROVED, user_agreement_version=None),
            "org-a",
            Refusal.USER_AGREEMENT_NOT_ACCEPTED,
        ),
        (
            dataclasses.replace(APPROVED, user_agreement_version="1"),
            "org-a",
            Refusal.USER_AGREEMENT_NOT_ACCEPTED,
        ),
        (
            dataclasses.replace(APPROVED, kind="ROBOT", user_agreement_version=None),
            "org-a",
            Refusal.USER_AGREEMENT_NOT_ACCEPTED,
        ),
        (dataclasses.replace(APPROVED, roles=frozenset()), "org-a", Refusal.ROLE_NOT_HELD),
        (
            dataclasses.replace(SYSTEM, organisation_signed=False),
            "org-a",
            Refusal.ORGANISATION_NOT_SIGNED,
        ),
    ],
)
def test_each_refusal_and_no_roles_with_it(
    standing: Standing | None, organisation_id: str, refusal: Refusal
) -> None:
    assert _admit(standing, organisation_id=organisation_id) == Admission(frozenset(), refusal)


def test_the_first_thing_to_put_right_is_the_reason_given() -> None:
    everything_wrong = Standing(
        status="SUSPENDED",
        kind="PERSON",
        roles=frozenset(),
        organisation_ids=("org-a",),
        organisation_signed=False,
        user_agreement_version=None,
    )
    assert _admit(everything_wrong).refusal is Refusal.SUSPENDED
    assert (
        _admit(everything_wrong, organisation_id="org-b").refusal is Refusal.ORGANISATION_MISMATCH
    )
    approved = dataclasses.replace(everything_wrong, status="APPROVED")
    assert _admit(approved).refusal is Refusal.ORGANISATION_NOT_SIGNED
    signed = dataclasses.replace(approved, organisation_signed=True)
    assert _admit(signed).refusal is Refusal.USER_AGREEMENT_NOT_ACCEPTED


def test_a_partner_system_accepts_no_user_agreement() -> None:
    assert _admit(SYSTEM) == Admission(frozenset({"partner_system"}), None)
    assert _admit(SYSTEM, {"partner_system"}).admitted


def test_only_a_token_that_contradicts_the_register_is_unauthenticated() -> None:
    assert frozenset({Refusal.ORGANISATION_MISMATCH}) == UNAUTHENTICATED
