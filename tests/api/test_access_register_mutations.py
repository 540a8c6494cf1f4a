"""Changing the register of users over HTTP: asking for access, approving it, accepting the user
agreement, suspending, reinstating, revoking, recording a partner's signature; who may, what each
bad input answers (with nothing written), and the record each change leaves."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx
import pytest

from auth import LocalSigningKey
from graph import Database
from tests.api.conftest import Token
from tests.api.register_calls import (
    ADMIN,
    CURRENT,
    FAMILIES,
    IG,
    ME,
    SIGNED,
    UNSIGNED,
    oid,
    post,
    raw_token,
    register,
    register_organisations,  # noqa: F401 - autouse: the module's organisations, and clean-up
    snapshot,
    uid,
)
from tests.api.register_support import Enrolment

GOVERNANCE = "information-governance"
CHANGE = "change { action actorId userId organisationId reason statusBefore statusAfter"
CHANGE += " rolesBefore rolesAfter agreementBefore agreementAfter }"
REQUEST = (
    "mutation($input: RequestAccessInput!) { requestAccess(input: $input) {"
    " errors { code field message } " + CHANGE + " access { status refusal requestedRoles } } }"
)
ACCEPT = (
    "mutation($input: AcceptUserAgreementInput!) { acceptUserAgreement(input: $input) {"
    " errors { code field message } " + CHANGE + " access { admitted refusal } } }"
)


def _admin_mutation(name: str, input_type: str) -> str:
    return (
        f"mutation($input: {input_type}!) {{ {name}(input: $input) {{"
        " errors { code field message } " + CHANGE + " user { status roles user { id } } } }"
    )


APPROVE = _admin_mutation("approveAccess", "ApproveAccessInput")
SUSPEND = _admin_mutation("suspendAccess", "SuspendAccessInput")
REINSTATE = _admin_mutation("reinstateAccess", "ReinstateAccessInput")
REVOKE = _admin_mutation("revokeAccess", "RevokeAccessInput")
RECORD_AGREEMENT = (
    "mutation($input: RecordPartnerAgreementInput!) { recordPartnerAgreement(input: $input) {"
    " errors { code field message } " + CHANGE + " } }"
)
CHANGES = """
query($userId: ID, $organisationId: ID, $action: AccessAction, $first: Int, $after: String) {
  accessChanges(userId: $userId, organisationId: $organisationId, action: $action,
                first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { action actorId userId statusBefore statusAfter rolesAfter reason } }
  }
}
"""
REGISTERED = """
query($status: AccessStatus) {
  registeredUsers(status: $status) { totalCount edges { node { status roles user { id } } } }
}
"""


@pytest.fixture(scope="module", autouse=True)
def managers(register_organisations: None, enrolment: Enrolment) -> None:  # noqa: F811
    # In the register (after the module's clean start) before any test takes its snapshot.
    enrolment.ensure(*ADMIN, "administrator")
    enrolment.ensure(*IG, "ig_officer")


def _asking(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "name": "Robin Asker",
        "email": "robin@partner.example",
        "roles": ["practitioner"],
        "reason": "Family support worker joining the Exeter team.",
    }
    values.update(overrides)
    return {"input": values}


async def _data(response: httpx.Response, name: str) -> dict[str, Any]:
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body["errors"]
    payload: dict[str, Any] = body["data"][name]
    return payload


async def _admin(
    client: httpx.AsyncClient, token: Token, query: str, name: str, values: dict[str, Any]
) -> dict[str, Any]:
    admin = token("administrator", *ADMIN)
    return await _data(
        await post(client, admin, query, {"input": values}, purpose=GOVERNANCE), name
    )


async def test_the_whole_way_in_request_approve_accept_then_served(
    client: httpx.AsyncClient, signing_key: LocalSigningKey, token: Token
) -> None:
    me = raw_token(signing_key, "t-reg-newstarter", roles=None)

    asked = await _data(await post(client, me, REQUEST, _asking()), "requestAccess")
    assert asked["errors"] == []
    assert asked["access"] == {
        "status": "REQUESTED",
        "refusal": "PENDING_APPROVAL",
        "requestedRoles": ["practitioner"],
    }
    assert asked["change"] == {
        "action": "REQUESTED",
        "actorId": uid("t-reg-newstarter"),
        "userId": uid("t-reg-newstarter"),
        "organisationId": oid(SIGNED),
        "reason": "Family support worker joining the Exeter team.",
        "statusBefore": None,
        "statusAfter": "REQUESTED",
        "rolesBefore": [],
        "rolesAfter": [],
        "agreementBefore": None,
        "agreementAfter": None,
    }
    assert (await post(client, me, FAMILIES)).status_code == 403

    approved = await _admin(
        client,
        token,
        APPROVE,
        "approveAccess",
        {
            "userId": uid("t-reg-newstarter"),
            "roles": ["practitioner"],
            "reason": "Team manager asked.",
        },
    )
    assert approved["errors"] == []
    assert approved["user"] == {
        "status": "APPROVED",
        "roles": ["practitioner"],
        "user": {"id": uid("t-reg-newstarter")},
    }
    assert approved["change"]["actorId"] == uid(ADMIN[0])
    assert (approved["change"]["statusBefore"], approved["change"]["rolesAfter"]) == (
        "REQUESTED",
        ["practitioner"],
    )
    # Approved, but the user agreement is not accepted yet.
    assert (await post(client, me, FAMILIES)).status_code == 403

    accepted = await _data(
        await post(client, me, ACCEPT, {"input": {"version": CURRENT}}), "acceptUserAgreement"
    )
    assert accepted["errors"] == []
    assert accepted["access"] == {"admitted": True, "refusal": None}
    assert (accepted["change"]["agreementBefore"], accepted["change"]["agreementAfter"]) == (
        None,
        CURRENT,
    )
    response = await post(client, me, ME)
    assert response.json()["data"]["me"]["roles"] == ["practitioner"]
    assert (await post(client, me, FAMILIES)).status_code == 200


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"name": "  "}, "name"),
        ({"reason": ""}, "reason"),
        ({"reason": "x" * 2001}, "reason"),
        ({"email": "not an address"}, "email"),
        ({"roles": []}, "roles"),
        ({"roles": ["practitioner", "superuser"]}, "roles"),
        ({"roles": ["partner_system"]}, "roles"),  # a person
        ({"kind": "SYSTEM", "roles": ["practitioner"]}, "roles"),
    ],
)
async def test_a_request_with_a_bad_input_writes_nothing(
    client: httpx.AsyncClient,
    signing_key: LocalSigningKey,
    db: Database,
    overrides: dict[str, Any],
    field: str,
) -> None:
    me = raw_token(signing_key, "t-reg-careless")
    before = await snapshot(db)
    payload = await _data(await post(client, me, REQUEST, _asking(**overrides)), "requestAccess")
    assert [(e["code"], e["field"]) for e in payload["errors"]] == [("BAD_USER_INPUT", field)]
    assert payload["change"] is None
    assert await snapshot(db) == before


async def test_asking_twice_or_for_an_organisation_that_is_no_partner_writes_nothing(
    client: httpx.AsyncClient, signing_key: LocalSigningKey, db: Database
) -> None:
    nowhere = raw_token(signing_key, "t-reg-nowhere", "t-reg-org-missing")
    before = await snapshot(db)
    payload = await _data(await post(client, nowhere, REQUEST, _asking()), "requestAccess")
    assert [e["code"] for e in payload["errors"]] == ["NOT_FOUND"]
    assert await snapshot(db) == before

    twice = raw_token(signing_key, "t-reg-twice")
    first = await _data(await post(client, twice, REQUEST, _asking()), "requestAccess")
    assert first["errors"] == []
    before = await snapshot(db)
    again = await _data(await post(client, twice, REQUEST, _asking()), "requestAccess")
    assert [e["code"] for e in again["errors"]] == ["CONFLICT"]
    assert await snapshot(db) == before


async def test_a_revoked_user_may_ask_again_and_starts_afresh(
    client: httpx.AsyncClient, signing_key: LocalSigningKey, db: Database
) -> None:
    await register(db, "t-reg-returning", status="REVOKED", roles=())
    me = raw_token(signing_key, "t-reg-returning")
    payload = await _data(await post(client, me, REQUEST, _asking()), "requestAccess")
    assert payload["errors"] == []
    assert payload["change"]["statusBefore"] == "REVOKED"
    assert payload["access"]["status"] == "REQUESTED"


@pytest.mark.parametrize(
    ("values", "code", "field"),
    [
        ({"userId": "not-an-id"}, "BAD_USER_INPUT", "userId"),
        ({"userId": oid(SIGNED)}, "BAD_USER_INPUT", "userId"),
        ({"reason": " "}, "BAD_USER_INPUT", "reason"),
        ({"roles": []}, "BAD_USER_INPUT", "roles"),
        ({"roles": ["chief"]}, "BAD_USER_INPUT", "roles"),
        ({"userId": uid("t-reg-nobody")}, "NOT_FOUND", "userId"),
        ({"userId": uid("t-reg-approved")}, "CONFLICT", "userId"),
        ({"userId": uid("t-reg-asked-system")}, "BAD_USER_INPUT", "roles"),
        ({"userId": uid("t-reg-asked-newcomer")}, "BAD_USER_INPUT", "userId"),
    ],
)
async def test_approving_with_a_bad_input_writes_nothing(
    client: httpx.AsyncClient,
    db: Database,
    token: Token,
    values: dict[str, Any],
    code: str,
    field: str,
) -> None:
    await register(db, "t-reg-asked", status="REQUESTED", roles=())
    await register(db, "t-reg-approved", roles=("practitioner",))
    await register(db, "t-reg-asked-system", status="REQUESTED", kind="SYSTEM", roles=())
    await register(
        db, "t-reg-asked-newcomer", status="REQUESTED", roles=(), organisation_id=UNSIGNED
    )
    approval = {"userId": uid("t-reg-asked"), "roles": ["practitioner"], "reason": "Needed."}
    before = await snapshot(db)
    payload = await _admin(client, token, APPROVE, "approveAccess", approval | values)
    assert [(e["code"], e["field"]) for e in payload["errors"]] == [(code, field)]
    assert (payload["change"], payload["user"]) == (None, None)
    assert await snapshot(db) == before


async def _forbidden(
    client: httpx.AsyncClient,
    bearer: str,
    query: str,
    values: dict[str, Any],
    words: str,
    purpose: str = GOVERNANCE,
) -> None:
    response = await post(client, bearer, query, {"input": values}, purpose=purpose)
    assert response.status_code in (200, 403), response.text
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "FORBIDDEN"
    assert words in error["message"]
    assert not any(response.json().get("data") or {})


async def test_who_may_approve_and_which_roles_they_may_grant(
    client: httpx.AsyncClient, db: Database, token: Token
) -> None:
    await register(db, "t-reg-candidate", status="REQUESTED", roles=())
    admin = token("administrator", *ADMIN)
    ig = token("ig_officer", *IG)
    coordinator = token("coordinator", "t-reg-coordinator", SIGNED)
    asked = {"userId": uid("t-reg-candidate"), "reason": "Needed."}
    before = await snapshot(db)

    # No administrator makes another, nor an information governance officer; nor themself.
    for role in ("administrator", "ig_officer"):
        await _forbidden(
            client, admin, APPROVE, asked | {"roles": [role]}, f"grant the role {role}"
        )
    mine = {"userId": uid(ADMIN[0]), "roles": ["coordinator"], "reason": "Me."}
    await _forbidden(client, admin, APPROVE, mine, "your own access")
    # Other roles may not approve at all, nor an administrator for another purpose.
    sent = asked | {"roles": ["practitioner"]}
    await _forbidden(client, coordinator, APPROVE, sent, "may not approve", "coordinate-support")
    # Information governance officers grant the governance roles, and only those.
    await _forbidden(client, ig, APPROVE, sent, "grant the role practitioner")
    assert await snapshot(db) == before
    response = await post(client, admin, APPROVE, {"input": sent}, purpose="coordinate-support")
    assert response.status_code == 403

    granted = await _data(
        await post(
            client, ig, APPROVE, {"input": asked | {"roles": ["administrator"]}}, purpose=GOVERNANCE
        ),
        "approveAccess",
    )
    assert granted["errors"] == []
    assert granted["user"]["roles"] == ["administrator"]
    # An administrator may not then suspend the administrator the IG officer made.
    await _forbidden(
        client,
        admin,
        SUSPEND,
        {"userId": uid("t-reg-candidate"), "reason": "x"},
        "user with the role administrator",
    )


@pytest.mark.parametrize(
    ("query", "name", "status", "code"),
    [
        (SUSPEND, "suspendAccess", "REQUESTED", "CONFLICT"),
        (SUSPEND, "suspendAccess", "SUSPENDED", "CONFLICT"),
        (SUSPEND, "suspendAccess", "REVOKED", "CONFLICT"),
        (REINSTATE, "reinstateAccess", "APPROVED", "CONFLICT"),
        (REINSTATE, "reinstateAccess", "REVOKED", "CONFLICT"),
        (REVOKE, "revokeAccess", "REVOKED", "CONFLICT"),
    ],
)
async def test_suspending_reinstating_revoking_from_the_wrong_state_writes_nothing(
    client: httpx.AsyncClient,
    db: Database,
    token: Token,
    query: str,
    name: str,
    status: str,
    code: str,
) -> None:
    await register(db, "t-reg-state", status=status, roles=("practitioner",))
    before = await snapshot(db)
    payload = await _admin(
        client, token, query, name, {"userId": uid("t-reg-state"), "reason": "Because."}
    )
    assert [(e["code"], e["field"]) for e in payload["errors"]] == [(code, "userId")]
    assert await snapshot(db) == before
    for bad in ({"userId": uid("t-reg-state"), "reason": ""}, {"userId": "x", "reason": "y"}):
        payload = await _admin(client, token, query, name, bad)
        assert [e["code"] for e in payload["errors"]] == ["BAD_USER_INPUT"]
    missing = await _admin(client, token, query, name, {"userId": uid("t-reg-gone"), "reason": "y"})
    assert [e["code"] for e in missing["errors"]] == ["NOT_FOUND"]
    assert await snapshot(db) == before


async def test_revoking_withdraws_roles_and_declines_a_request(
    client: httpx.AsyncClient, signing_key: LocalSigningKey, db: Database, token: Token
) -> None:
    await register(db, "t-reg-leaver", roles=("coordinator",))
    await register(db, "t-reg-declined", status="REQUESTED", roles=("practitioner",))
    leaver = raw_token(signing_key, "t-reg-leaver", roles=["coordinator"])
    assert (await post(client, leaver, FAMILIES)).status_code == 200

    revoked = await _admin(
        client, token, REVOKE, "revokeAccess", {"userId": uid("t-reg-leaver"), "reason": "Left."}
    )
    assert revoked["errors"] == []
    assert (revoked["change"]["rolesBefore"], revoked["change"]["rolesAfter"]) == (
        ["coordinator"],
        [],
    )
    assert revoked["user"]["status"] == "REVOKED"
    assert (await post(client, leaver, FAMILIES)).status_code == 403
    declined = await _admin(
        client, token, REVOKE, "revokeAccess", {"userId": uid("t-reg-declined"), "reason": "No."}
    )
    assert declined["change"]["statusBefore"] == "REQUESTED"


@pytest.mark.parametrize(
    ("status", "kind", "accepted", "version", "code", "field"),
    [
        ("APPROVED", "PERSON", None, "0.9", "BAD_USER_INPUT", "version"),
        ("APPROVED", "PERSON", None, " ", "BAD_USER_INPUT", "version"),
        ("APPROVED", "PERSON", CURRENT, CURRENT, "CONFLICT", "version"),
        ("REQUESTED", "PERSON", None, CURRENT, "CONFLICT", None),
        ("SUSPENDED", "PERSON", None, CURRENT, "CONFLICT", None),
        ("APPROVED", "SYSTEM", None, CURRENT, "BAD_USER_INPUT", "version"),
    ],
)
async def test_accepting_the_user_agreement_wrongly_writes_nothing(
    client: httpx.AsyncClient,
    signing_key: LocalSigningKey,
    db: Database,
    status: str,
    kind: str,
    accepted: str | None,
    version: str,
    code: str,
    field: str | None,
) -> None:
    roles = ("partner_system",) if kind == "SYSTEM" else ("practitioner",)
    await register(db, "t-reg-accepting", status=status, kind=kind, roles=roles, agreement=accepted)
    me = raw_token(signing_key, "t-reg-accepting")
    before = await snapshot(db)
    response = await post(client, me, ACCEPT, {"input": {"version": version}})
    payload = await _data(response, "acceptUserAgreement")
    assert [(e["code"], e["field"]) for e in payload["errors"]] == [(code, field)]
    assert await snapshot(db) == before


async def test_accepting_a_new_version_lets_a_user_back_in(
    client: httpx.AsyncClient, signing_key: LocalSigningKey, db: Database
) -> None:
    await register(db, "t-reg-renewing", roles=("coordinator",), agreement="0.9")
    me = raw_token(signing_key, "t-reg-renewing")
    assert (await post(client, me, FAMILIES)).status_code == 403
    payload = await _data(
        await post(client, me, ACCEPT, {"input": {"version": CURRENT}}), "acceptUserAgreement"
    )
    assert payload["change"]["agreementBefore"] == "0.9"
    assert (await post(client, me, FAMILIES)).status_code == 200


async def test_recording_a_supplemental_agreement_admits_the_partner_users(
    client: httpx.AsyncClient, signing_key: LocalSigningKey, db: Database, token: Token
) -> None:
    await register(db, "t-reg-joiner", organisation_id=UNSIGNED, roles=("coordinator",))
    joiner = raw_token(signing_key, "t-reg-joiner", UNSIGNED)
    assert (await post(client, joiner, FAMILIES)).status_code == 403
    signed = {
        "organisationId": oid(UNSIGNED),
        "kind": "SUPPLEMENTAL",
        "version": "2015",
        "signedOn": "2026-03-02",
        "reason": "Supplemental agreement received and filed.",
    }
    before = await snapshot(db)
    for values, code, field in (
        ({"organisationId": oid("t-reg-org-missing")}, "NOT_FOUND", "organisationId"),
        ({"organisationId": uid("t-reg-joiner")}, "BAD_USER_INPUT", "organisationId"),
        ({"version": ""}, "BAD_USER_INPUT", "version"),
        ({"reason": " "}, "BAD_USER_INPUT", "reason"),
        (
            {"signedOn": (dt.date.today() + dt.timedelta(days=2)).isoformat()},
            "BAD_USER_INPUT",
            "signedOn",
        ),
    ):
        payload = await _admin(
            client, token, RECORD_AGREEMENT, "recordPartnerAgreement", signed | values
        )
        assert [(e["code"], e["field"]) for e in payload["errors"]] == [(code, field)]
    assert await snapshot(db) == before

    payload = await _admin(client, token, RECORD_AGREEMENT, "recordPartnerAgreement", signed)
    assert payload["errors"] == []
    assert payload["change"]["statusBefore"] == "UNSIGNED"
    assert payload["change"]["agreementAfter"] == "SUPPLEMENTAL 2015 2026-03-02"
    assert (await post(client, joiner, FAMILIES)).status_code == 200
    again = await _admin(client, token, RECORD_AGREEMENT, "recordPartnerAgreement", signed)
    assert [e["code"] for e in again["errors"]] == ["CONFLICT"]
    practitioner = token("practitioner")
    await _forbidden(client, practitioner, RECORD_AGREEMENT, signed, "may not", "assess-needs")


async def test_information_governance_lists_every_change_newest_first(
    client: httpx.AsyncClient, signing_key: LocalSigningKey, db: Database, token: Token
) -> None:
    me = raw_token(signing_key, "t-reg-audited")
    await post(client, me, REQUEST, _asking(roles=["coordinator"]))
    approval = {"userId": uid("t-reg-audited"), "roles": ["coordinator"], "reason": "Lead."}
    await _admin(client, token, APPROVE, "approveAccess", approval)
    await _admin(
        client,
        token,
        SUSPEND,
        "suspendAccess",
        {"userId": uid("t-reg-audited"), "reason": "Leave."},
    )

    ig = token("ig_officer", *IG)
    variables = {"userId": uid("t-reg-audited"), "first": 2}
    page = await _data(
        await post(client, ig, CHANGES, variables, purpose=GOVERNANCE), "accessChanges"
    )
    assert page["totalCount"] == 3
    assert [e["node"]["action"] for e in page["edges"]] == ["SUSPENDED", "APPROVED"]
    assert page["edges"][0]["node"]["reason"] == "Leave."
    assert page["edges"][1]["node"]["rolesAfter"] == ["coordinator"]
    assert page["pageInfo"]["hasNextPage"] is True
    rest = await _data(
        await post(
            client,
            ig,
            CHANGES,
            variables | {"after": page["pageInfo"]["endCursor"]},
            purpose=GOVERNANCE,
        ),
        "accessChanges",
    )
    assert [e["node"]["action"] for e in rest["edges"]] == ["REQUESTED"]
    assert rest["edges"][0]["node"]["actorId"] == uid("t-reg-audited")

    admin = token("administrator", *ADMIN)
    pending = await _data(
        await post(client, admin, REGISTERED, {"status": "REQUESTED"}, purpose=GOVERNANCE),
        "registeredUsers",
    )
    assert all(e["node"]["status"] == "REQUESTED" for e in pending["edges"])
    for bearer, purpose in ((token("practitioner"), "assess-needs"), (ig, "coordinate-support")):
        response = await post(client, bearer, CHANGES, variables, purpose=purpose)
        assert response.status_code in (200, 403)
        assert response.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    response = await post(client, ig, CHANGES, variables | {"after": "bad"}, purpose=GOVERNANCE)
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
