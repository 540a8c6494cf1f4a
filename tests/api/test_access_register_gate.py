"""The register of users at the door: each standing a user can have, allowed and denied, over HTTP.

A token proves who the caller is; the register decides whether they are served (and with which
roles). 401 is for a token that contradicts the register (its organisation); 403, with the
reason, for everyone the token does identify but the register does not admit, who may still ask
about their own standing (``me``), ask for access and accept the user agreement.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
import pytest_asyncio
from starlette.applications import Starlette

from auth import AuthSettings, LocalSigningKey
from graph import Database, Neo4jSettings
from graph.access_register import AccessRegister
from tests.api.conftest import Token, make_app
from tests.api.register_calls import (
    ADMIN,
    FAMILIES,
    ME,
    SIGNED,
    UNSIGNED,
    post,
    raw_token,
    register,
    register_organisations,  # noqa: F401 - autouse: the module's organisations, and clean-up
    run,
    uid,
)

SUSPEND = """
mutation($input: SuspendAccessInput!) {
  suspendAccess(input: $input) { errors { code } change { statusAfter } }
}
"""
REINSTATE = """
mutation($input: ReinstateAccessInput!) {
  reinstateAccess(input: $input) { errors { code } change { statusAfter } }
}
"""
GOVERNANCE = "information-governance"


def _refused(response: httpx.Response, reason_words: str) -> None:
    assert response.status_code == 403, response.text
    body = response.json()
    assert body.get("data") is None
    [error] = body["errors"]
    assert error["extensions"]["code"] == "FORBIDDEN"
    assert reason_words in error["message"]


async def _me(client: httpx.AsyncClient, bearer: str) -> dict[str, object]:
    response = await post(client, bearer, ME)
    assert response.status_code == 200, response.text
    me: dict[str, object] = response.json()["data"]["me"]
    return me


async def test_an_approved_user_of_a_signed_partner_is_served_with_the_register_roles(
    client: httpx.AsyncClient, signing_key: LocalSigningKey, db: Database
) -> None:
    await register(db, "t-reg-served", roles=("coordinator",))
    bearer = raw_token(signing_key, "t-reg-served", roles=["coordinator"])

    response = await post(client, bearer, FAMILIES)
    assert response.status_code == 200, response.text
    assert response.json()["data"]["families"]["totalCount"] > 0
    assert await _me(client, bearer) == {
        "userId": "t-reg-served",
        "roles": ["coordinator"],
        "access": {
            "status": "APPROVED",
            "kind": "PERSON",
            "admitted": True,
            "refusal": None,
            "registeredRoles": ["coordinator"],
        },
    }


async def test_someone_the_register_never_heard_of_may_ask_only_about_themself(
    client: httpx.AsyncClient, signing_key: LocalSigningKey
) -> None:
    stranger = raw_token(signing_key, "t-reg-stranger", roles=["coordinator"])

    _refused(await post(client, stranger, FAMILIES), "requestAccess")
    assert await _me(client, stranger) == {
        "userId": "t-reg-stranger",
        "roles": [],
        "access": {
            "status": "UNREGISTERED",
            "kind": None,
            "admitted": False,
            "refusal": "UNREGISTERED",
            "registeredRoles": [],
        },
    }


@pytest.mark.parametrize(
    ("status", "refusal", "words"),
    [
        ("REQUESTED", "PENDING_APPROVAL", "not been approved"),
        ("SUSPENDED", "SUSPENDED", "suspended"),
        ("REVOKED", "REVOKED", "revoked"),
    ],
)
async def test_a_user_not_approved_now_is_refused_with_the_reason(
    client: httpx.AsyncClient,
    signing_key: LocalSigningKey,
    db: Database,
    status: str,
    refusal: str,
    words: str,
) -> None:
    user = f"t-reg-{status.lower()}"
    await register(db, user, status=status, roles=("coordinator",))
    bearer = raw_token(signing_key, user, roles=["coordinator"])

    _refused(await post(client, bearer, FAMILIES), words)
    me = await _me(client, bearer)
    assert me["roles"] == []
    assert me["access"] == {
        "status": status,
        "kind": "PERSON",
        "admitted": False,
        "refusal": refusal,
        "registeredRoles": ["coordinator"],
    }


async def test_a_user_of_an_organisation_that_has_not_signed_is_refused(
    client: httpx.AsyncClient, signing_key: LocalSigningKey, db: Database
) -> None:
    await register(db, "t-reg-newcomer", organisation_id=UNSIGNED, roles=("coordinator",))
    bearer = raw_token(signing_key, "t-reg-newcomer", UNSIGNED, ["coordinator"])

    _refused(await post(client, bearer, FAMILIES), "has not signed")
    assert (await _me(client, bearer))["access"] == {
        "status": "APPROVED",
        "kind": "PERSON",
        "admitted": False,
        "refusal": "ORGANISATION_NOT_SIGNED",
        "registeredRoles": ["coordinator"],
    }


@pytest.mark.parametrize("accepted", [None, "0.9"])
async def test_a_user_who_has_not_accepted_the_current_user_agreement_is_refused(
    client: httpx.AsyncClient, signing_key: LocalSigningKey, db: Database, accepted: str | None
) -> None:
    user = f"t-reg-agreement-{accepted}"
    await register(db, user, roles=("coordinator",), agreement=accepted)
    bearer = raw_token(signing_key, user, roles=["coordinator"])

    _refused(await post(client, bearer, FAMILIES), "acceptUserAgreement")
    assert (await _me(client, bearer))["access"]["refusal"] == "USER_AGREEMENT_NOT_ACCEPTED"  # type: ignore[index]


async def test_a_token_of_another_organisation_than_the_registered_one_is_unauthenticated(
    client: httpx.AsyncClient, signing_key: LocalSigningKey, db: Database
) -> None:
    await register(db, "t-reg-mover", roles=("coordinator",))
    bearer = raw_token(signing_key, "t-reg-mover", UNSIGNED, ["coordinator"])

    for query in (FAMILIES, ME):
        response = await post(client, bearer, query)
        assert response.status_code == 401, response.text
        assert response.headers["www-authenticate"].startswith('Bearer error="invalid_token"')
        assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
        assert "data" not in response.json()


async def test_a_token_narrows_the_register_roles_and_never_widens_them(
    client: httpx.AsyncClient, signing_key: LocalSigningKey, db: Database
) -> None:
    await register(db, "t-reg-two-roles", roles=("practitioner", "lead_practitioner"))

    narrowed = raw_token(signing_key, "t-reg-two-roles", roles=["practitioner", "coordinator"])
    assert (await _me(client, narrowed))["roles"] == ["practitioner"]
    unclaimed = raw_token(signing_key, "t-reg-two-roles", roles=None)
    assert (await _me(client, unclaimed))["roles"] == ["lead_practitioner", "practitioner"]
    widening = raw_token(signing_key, "t-reg-two-roles", roles=["coordinator"])
    _refused(await post(client, widening, FAMILIES), "claims no role")
    assert (await _me(client, widening))["access"]["refusal"] == "ROLE_NOT_HELD"  # type: ignore[index]


async def test_a_partner_system_is_served_only_as_a_registered_client(
    client: httpx.AsyncClient, signing_key: LocalSigningKey, db: Database
) -> None:
    query = "{ families { totalCount } }"
    unregistered = raw_token(signing_key, "t-reg-client-unknown", roles=["partner_system"])
    _refused(await post(client, unregistered, query), "requestAccess")

    # A registered client has no user agreement to accept; its organisation must have signed.
    await register(db, "t-reg-client", kind="SYSTEM", roles=("partner_system",), agreement=None)
    bearer = raw_token(signing_key, "t-reg-client", roles=["partner_system"])
    response = await post(client, bearer, query)
    assert response.status_code == 200, response.text
    assert (await _me(client, bearer))["access"]["kind"] == "SYSTEM"  # type: ignore[index]

    await register(
        db,
        "t-reg-client-newcomer",
        kind="SYSTEM",
        roles=("partner_system",),
        agreement=None,
        organisation_id=UNSIGNED,
    )
    newcomer = raw_token(signing_key, "t-reg-client-newcomer", UNSIGNED, ["partner_system"])
    _refused(await post(client, newcomer, query), "has not signed")


@pytest.mark.parametrize(
    ("query", "operation"),
    [
        ("{ me { userId } families { totalCount } }", None),
        ("{ mine: me { userId } all: families { totalCount } }", None),
        ("{ ...F } fragment F on Query { families { totalCount } }", None),
        ("{ ... on Query { families { totalCount } } }", None),
        ("{ me { userId } ... @skip(if: true) { families { totalCount } } }", None),
        ("query A { me { userId } } query B { families { totalCount } }", "B"),
        ('{ node(id: "UGVyc29uOnQtYWxpY2U=") { id } }', None),
        ('{ disclosures(userId: "t-user-practitioner") { totalCount } }', None),
        (
            'mutation { revokeAccess(input: {userId: "VXNlcjp0LXJlZy1hZG1pbg==", reason: "x"})'
            " { errors { code } } }",
            None,
        ),
    ],
)
async def test_a_caller_not_admitted_may_ask_for_nothing_else(
    client: httpx.AsyncClient, signing_key: LocalSigningKey, query: str, operation: str | None
) -> None:
    stranger = raw_token(signing_key, "t-reg-prober", roles=["ig_officer"])
    response = await post(client, stranger, query, operation=operation)
    assert response.status_code == 403, response.text
    assert response.json().get("data") is None
    assert response.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"


@pytest.mark.parametrize(
    ("query", "operation"),
    [
        ("{ __typename }", None),
        ("{ who: me { userId } }", None),
        ("{ ...F } fragment F on Query { me { userId } }", None),
        ("query A { me { userId } } query B { families { totalCount } }", "A"),
    ],
)
async def test_what_a_caller_not_admitted_may_ask(
    client: httpx.AsyncClient, signing_key: LocalSigningKey, query: str, operation: str | None
) -> None:
    stranger = raw_token(signing_key, "t-reg-prober", roles=["ig_officer"])
    response = await post(client, stranger, query, operation=operation)
    assert response.status_code == 200, response.text
    assert "errors" not in response.json()


async def test_suspending_and_reinstating_take_effect_on_the_next_request(
    client: httpx.AsyncClient, signing_key: LocalSigningKey, db: Database, token: Token
) -> None:
    await register(db, "t-reg-paused", roles=("coordinator",))
    user = raw_token(signing_key, "t-reg-paused", roles=["coordinator"])
    admin = token("administrator", *ADMIN)
    assert (await post(client, user, FAMILIES)).status_code == 200

    change = {"input": {"userId": uid("t-reg-paused"), "reason": "Left the team for a month."}}
    suspended = await post(client, admin, SUSPEND, change, purpose=GOVERNANCE)
    assert suspended.json()["data"]["suspendAccess"] == {
        "errors": [],
        "change": {"statusAfter": "SUSPENDED"},
    }
    _refused(await post(client, user, FAMILIES), "suspended")

    reinstated = await post(client, admin, REINSTATE, change, purpose=GOVERNANCE)
    assert reinstated.json()["data"]["reinstateAccess"]["errors"] == []
    assert (await post(client, user, FAMILIES)).status_code == 200


@pytest_asyncio.fixture(loop_scope="session")
async def clocked(
    neo4j_settings: Neo4jSettings, auth_settings: AuthSettings, db: Database
) -> AsyncIterator[tuple[httpx.AsyncClient, list[float]]]:
    """An app whose copy of the register is kept 2 s by a clock the test moves: as another
    process sees a change made through this one, or made in the database directly."""
    now = [1000.0]
    application: Starlette = make_app(neo4j_settings, auth_settings)
    async with application.router.lifespan_context(application):
        application.state.register = AccessRegister(db, 2.0, clock=lambda: now[0])
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            yield http, now


async def test_a_change_made_elsewhere_takes_effect_within_the_cache_bound(
    clocked: tuple[httpx.AsyncClient, list[float]], signing_key: LocalSigningKey, db: Database
) -> None:
    client, now = clocked
    await register(db, "t-reg-elsewhere", roles=("coordinator",))
    user = raw_token(signing_key, "t-reg-elsewhere", roles=["coordinator"])
    assert (await post(client, user, FAMILIES)).status_code == 200

    # Suspended by another process: this one is not told.
    await run(db, "MATCH (u:User {id: 't-reg-elsewhere'}) SET u.status = 'SUSPENDED'")
    now[0] += 1.9
    assert (await post(client, user, FAMILIES)).status_code == 200
    now[0] += 0.2
    _refused(await post(client, user, FAMILIES), "suspended")


async def test_a_revoked_user_stays_out_whatever_roles_their_token_claims(
    client: httpx.AsyncClient, signing_key: LocalSigningKey, db: Database
) -> None:
    await register(db, "t-reg-gone", status="REVOKED", roles=())
    for roles in (["coordinator"], ["administrator"], None):
        bearer = raw_token(signing_key, "t-reg-gone", SIGNED, roles)
        _refused(await post(client, bearer, FAMILIES), "revoked")
