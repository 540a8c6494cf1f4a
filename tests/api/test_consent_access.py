"""Who may record and withdraw consent: a co-ordinator, or the lead of the family's team."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest_asyncio

from graph import Database
from tests.api.conftest import GraphQL, Token
from tests.api.consent_calls import (
    PARENT,
    RECORD,
    WITHDRAW,
    apply_consent_schema,
    codes,
    consent_input,
    count_consents,
    forbidden,
    pid,
    post_as,
    record,
    run,
    withdraw,
)


@pytest_asyncio.fixture(scope="module", loop_scope="session", autouse=True)
async def consent_schema(db: Database) -> AsyncIterator[None]:
    await apply_consent_schema(db)
    yield


async def test_only_the_families_lead_practitioner_or_a_coordinator_may_record(
    gql: GraphQL, db: Database
) -> None:
    gary = pid("t-gary")
    # Pat is on the Greens' team but does not lead it.
    before = await count_consents(db)
    forbidden(
        await gql.post(RECORD, {"input": consent_input(personId=gary)}, role="lead_practitioner")
    )
    for role in ("practitioner", "partner_system"):
        forbidden(await gql.post(RECORD, {"input": consent_input()}, role=role))
    # The lead practitioner's rules name assessment and co-ordination, not monitoring.
    forbidden(
        await gql.post(
            RECORD, {"input": consent_input()}, role="lead_practitioner", purpose="monitor-outcomes"
        )
    )
    assert await count_consents(db) == before

    by_coordinator = await record(gql, role="coordinator", personId=gary)
    assert by_coordinator["errors"] == []
    gary_consent = by_coordinator["consent"]["id"]
    by_lead = await record(gql, personId=pid("t-bob"), status="NOT_SOUGHT", sectors=[])
    assert by_lead["errors"] == []
    assert by_lead["consent"]["status"] == "NOT_SOUGHT"
    assert (
        await gql.post(
            RECORD, {"input": consent_input()}, role="lead_practitioner", purpose="assess-needs"
        )
    )["data"]["recordConsent"]["errors"] == []

    request = {"input": {"consentId": gary_consent, "reason": "Not the lead."}}
    for role in ("lead_practitioner", "practitioner", "partner_system"):
        forbidden(await gql.post(WITHDRAW, request, role=role))
    assert (await withdraw(gql, gary_consent, "Gary withdrew."))["errors"] == []


async def test_leading_the_team_of_a_family_the_person_has_left_is_not_enough(
    gql: GraphQL, db: Database
) -> None:
    # Dan stays visible to Pat (people who were members are), but Pat no longer leads his team.
    await run(
        db, "MATCH (:Person {id: 't-dan'})-[m:MEMBER_OF]->(:Family) SET m.to = date('2026-06-30')"
    )
    try:
        forbidden(
            await gql.post(
                RECORD, {"input": consent_input(personId=pid("t-dan"))}, role="lead_practitioner"
            )
        )
        by_coordinator = await record(
            gql, role="coordinator", personId=pid("t-dan"), grantor=PARENT
        )
        assert by_coordinator["errors"] == []
    finally:
        await run(db, "MATCH (:Person {id: 't-dan'})-[m:MEMBER_OF]->(:Family) REMOVE m.to")


async def test_concurrent_withdrawals_withdraw_once(gql: GraphQL) -> None:
    consent_id = (await record(gql, personId=pid("t-alice"), givenOn="2026-05-01"))["consent"]["id"]
    outcomes = await asyncio.gather(
        *(withdraw(gql, consent_id, f"Withdrawal {n}.") for n in range(4))
    )
    assert sorted(codes(o) for o in outcomes) == [[]] + [[("CONFLICT", "consentId")]] * 3
    reasons = {o["consent"]["withdrawalReason"] for o in outcomes}
    assert len(reasons) == 1


async def test_a_person_the_caller_cannot_see_is_not_found(
    client: httpx.AsyncClient, token: Token, db: Database, gql: GraphQL
) -> None:
    # A lead practitioner of the police, on no team: sees Alice and Bob (the police reported
    # them) but not Chloe.
    olive = token("lead_practitioner", "t-user-outsider", "t-org-police")
    before = await count_consents(db)
    hidden = await post_as(client, olive, RECORD, {"input": consent_input(personId=pid("t-chloe"))})
    assert codes(hidden["data"]["recordConsent"]) == [("NOT_FOUND", "personId")]
    forbidden(await post_as(client, olive, RECORD, {"input": consent_input()}))
    assert await count_consents(db) == before

    chloes = (await record(gql, personId=pid("t-chloe"), givenOn="2025-06-01"))["consent"]["id"]
    request = {"input": {"consentId": chloes, "reason": "Out of sight."}}
    unseen = await post_as(client, olive, WITHDRAW, request)
    assert codes(unseen["data"]["withdrawConsent"]) == [("NOT_FOUND", "consentId")]
    node = await post_as(client, olive, "query($id: ID!) { node(id: $id) { id } }", {"id": chloes})
    assert node["data"] == {"node": None}
