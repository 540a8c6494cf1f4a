"""Consent as the agreement means it, over HTTP: the latest decision counts, a refusal or a
withdrawal ends what an earlier consent gave, only someone who may decide for the person counts,
impossible records count for nothing, and the same decision is not recorded twice."""

from __future__ import annotations

import datetime as dt

import httpx

from graph import Database, consent_summary
from tests.api.conftest import Token
from tests.api.sharing_world import (
    COORDINATOR,
    LEAD,
    PARENT,
    TODAY,
    Caller,
    decision,
    family,
    history,
    record,
    run,
    served,
    withdraw,
    years_ago,
)

DAY = dt.timedelta(days=1)


def _callers(client: httpx.AsyncClient, token: Token) -> tuple[Caller, Caller]:
    return (
        Caller(client, token, COORDINATOR, "coordinator"),
        Caller(client, token, LEAD, "lead_practitioner"),
    )


async def test_a_later_refusal_ends_an_earlier_consent(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    world = await family(db, [("Ada", years_ago(40), "PARENT")])
    coordinator, lead = _callers(client, token)
    ada = world.pid("Ada")
    given = await record(coordinator, decision(ada, given_on=TODAY - 10 * DAY))
    assert given["errors"] == []
    assert await served(lead, ada)
    refused = await record(coordinator, decision(ada, status="REFUSED", given_on=TODAY - DAY))
    assert refused["errors"] == []
    assert not await served(lead, ada)
    # And a consent given after the refusal counts again.
    again = await record(coordinator, decision(ada, given_on=TODAY))
    assert again["errors"] == []
    assert await served(lead, ada)


async def test_a_withdrawal_ends_what_the_consent_gave_even_beside_an_older_one(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    world = await family(db, [("Bea", years_ago(30), "PARENT")])
    coordinator, lead = _callers(client, token)
    bea = world.pid("Bea")
    await record(coordinator, decision(bea, given_on=TODAY - 20 * DAY))
    newer = await record(coordinator, decision(bea, given_on=TODAY - 5 * DAY))
    assert await served(lead, bea)
    assert (await withdraw(coordinator, newer["consent"]["id"]))["errors"] == []
    assert not await served(lead, bea)


async def test_a_parent_cannot_override_a_childs_own_withdrawal(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    world = await family(db, [("Cai", years_ago(17), "CHILD")])
    coordinator, lead = _callers(client, token)
    cai = world.pid("Cai")
    own = await record(coordinator, decision(cai, given_on=TODAY - 30 * DAY))
    assert own["errors"] == []
    await withdraw(coordinator, own["consent"]["id"], "Cai no longer agrees.")
    assert not await served(lead, cai)
    by_parent = await record(coordinator, decision(cai, grantor=PARENT))
    assert [(e["code"], e["field"]) for e in by_parent["errors"]] == [
        ("BAD_USER_INPUT", "grantor.kind")
    ]
    assert by_parent["consent"] is None
    assert not await served(lead, cai)


async def test_parental_responsibility_decides_only_for_a_child(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    world = await family(db, [("Dee", years_ago(37), "PARENT"), ("Eli", years_ago(9), "CHILD")])
    coordinator, lead = _callers(client, token)
    adult = await record(coordinator, decision(world.pid("Dee"), grantor=PARENT))
    assert [(e["code"], e["field"]) for e in adult["errors"]] == [
        ("BAD_USER_INPUT", "grantor.kind")
    ]
    assert not await served(lead, world.pid("Dee"))
    child = await record(coordinator, decision(world.pid("Eli"), grantor=PARENT))
    assert child["errors"] == []
    assert child["consent"]["countsToday"] is True
    assert await served(lead, world.pid("Eli"))


async def test_an_appropriate_person_decides_only_for_an_adult_and_with_a_reason(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    world = await family(db, [("Fay", years_ago(70), "PARENT"), ("Gus", years_ago(10), "CHILD")])
    coordinator, lead = _callers(client, token)
    deputy = {"kind": "APPROPRIATE_PERSON", "name": "Hal World", "relationship": "son"}
    no_reason = await record(coordinator, decision(world.pid("Fay"), grantor=deputy))
    assert [(e["code"], e["field"]) for e in no_reason["errors"]] == [
        ("BAD_USER_INPUT", "grantor.reason")
    ]
    assert not await served(lead, world.pid("Fay"))
    with_reason = deputy | {"reason": "Lacks capacity to decide (assessed last month)."}
    child = await record(coordinator, decision(world.pid("Gus"), grantor=with_reason))
    assert [(e["code"], e["field"]) for e in child["errors"]] == [
        ("BAD_USER_INPUT", "grantor.kind")
    ]
    adult = await record(coordinator, decision(world.pid("Fay"), grantor=with_reason))
    assert adult["errors"] == []
    assert await served(lead, world.pid("Fay"))


async def test_a_parents_consent_is_due_for_review_from_the_consent_age_and_ends_at_18(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    world = await family(
        db,
        [
            ("Ivy", years_ago(15), "CHILD"),
            ("Jon", years_ago(18, days=-20), "CHILD"),  # 18 in 20 days
        ],
    )
    coordinator, lead = _callers(client, token)
    ivy = await record(coordinator, decision(world.pid("Ivy"), grantor=PARENT))
    assert ivy["consent"]["reviewDue"] is True
    assert await served(lead, world.pid("Ivy"))
    jon = await record(coordinator, decision(world.pid("Jon"), grantor=PARENT))
    assert jon["errors"] == []
    assert await served(lead, world.pid("Jon"))
    # The summary holds only until the day before Jon is 18: then the parent's consent lapses.
    rows = await run(
        db, "MATCH (p:Person {id: $id}) RETURN p.consentUntil AS until", id=world.people["Jon"]
    )
    assert rows[0]["until"].to_native() == TODAY + 19 * DAY
    await db.write(
        consent_summary.refresh, [world.people["Jon"]], 13, TODAY + dt.timedelta(days=21)
    )
    assert not await served(lead, world.pid("Jon"))


async def test_impossible_records_written_directly_count_for_nothing(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    """As the demo data once held: a consent dated before the person's birth, and a parent's
    consent naming no parent. The API refuses both; written directly, neither counts."""
    world = await family(db, [("Kit", years_ago(3), "CHILD"), ("Lou", years_ago(8), "CHILD")])
    _, lead = _callers(client, token)
    await run(
        db,
        """UNWIND $rows AS r MATCH (p:Person {id: r.id})
           CREATE (:Consent {id: r.id + '-c', status: 'GIVEN', purposes: ['assess-needs'],
                   organisations: [], sectors: ['voluntary'], grantorKind: r.kind,
                   grantorName: r.name, method: 'WRITTEN', givenOn: r.given,
                   recordedAt: datetime()})-[:CONCERNS]->(p)""",
        rows=[
            {
                "id": world.people["Kit"],
                "kind": "PARENTAL_RESPONSIBILITY",
                "name": "Pat World",
                "given": years_ago(4),
            },
            {
                "id": world.people["Lou"],
                "kind": "PARENTAL_RESPONSIBILITY",
                "name": None,
                "given": TODAY - DAY,
            },
        ],
    )
    await db.write(consent_summary.refresh, list(world.people.values()))
    assert not await served(lead, world.pid("Kit"))
    assert not await served(lead, world.pid("Lou"))


async def test_the_same_decision_twice_is_a_conflict_and_recorded_once(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    world = await family(db, [("Max", years_ago(33), "PARENT")])
    coordinator, _ = _callers(client, token)
    first = await record(coordinator, decision(world.pid("Max")))
    again = await record(coordinator, decision(world.pid("Max")))
    assert [e["code"] for e in again["errors"]] == ["CONFLICT"]
    assert again["consent"]["id"] == first["consent"]["id"]
    rows = await run(
        db,
        "MATCH (:Person {id: $id})<-[:CONCERNS]-(c:Consent) RETURN count(c) AS n",
        id=world.people["Max"],
    )
    assert rows[0]["n"] == 1
    # The same decision made on another day is a new decision, and recorded.
    later = await record(coordinator, decision(world.pid("Max"), given_on=TODAY))
    assert later["errors"] == []


WITHDRAWN_DETAIL = """
query($consent: ID!, $person: ID!) {
  node(id: $consent) { ... on Consent { status grantorKind grantorName grantorRelationship
                                        withdrawalReason } }
  person(id: $person) { consents(includeWithdrawn: true) { totalCount edges { node {
    status grantorName grantorRelationship withdrawalReason } } } }
}
"""


async def test_a_withdrawn_consents_details_follow_one_rule_by_any_path(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    world = await family(db, [("Ned", years_ago(6), "CHILD")])
    coordinator, lead = _callers(client, token)
    ned = world.pid("Ned")
    given = await record(coordinator, decision(ned, grantor=PARENT))
    await withdraw(coordinator, given["consent"]["id"], "Mother withdrew: moving away.")
    body = await lead.post(WITHDRAWN_DETAIL, {"consent": given["consent"]["id"], "person": ned})
    assert "errors" not in body
    # What was decided stays readable (so a withdrawal can be honoured) by both paths...
    assert body["data"]["node"]["status"] == "WITHDRAWN"
    assert body["data"]["node"]["grantorKind"] == "PARENTAL_RESPONSIBILITY"
    listed = body["data"]["person"]["consents"]
    assert listed["totalCount"] == 1
    assert listed["edges"][0]["node"]["status"] == "WITHDRAWN"
    # ...and what it says of other people, or in free text, is withheld by both alike.
    for detail in ("grantorName", "grantorRelationship", "withdrawalReason"):
        assert body["data"]["node"][detail] is None
        assert listed["edges"][0]["node"][detail] is None
    reasons = {(tuple(r["path"])[-1], r["reason"]) for r in body["extensions"]["redactions"]}
    assert reasons == {
        ("grantorName", "NO_CONSENT"),
        ("grantorRelationship", "NO_CONSENT"),
        ("withdrawalReason", "NO_CONSENT"),
    }


# The same findings with the decisions written directly (as the demo data and other systems
# write them), so that what is tested is what the API makes of a history, whoever recorded it.


async def test_a_history_ending_in_a_refusal_or_withdrawal_covers_nothing(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    world = await family(
        db,
        [
            ("Olga", years_ago(40), "PARENT"),
            ("Pete", years_ago(40), "PARENT"),
            ("Quin", years_ago(40), "PARENT"),
        ],
    )
    _, lead = _callers(client, token)
    p = world.people
    await history(
        db,
        {
            p["Olga"]: [("GIVEN", "self", 20, False), ("REFUSED", "self", 3, False)],
            p["Pete"]: [("GIVEN", "self", 20, False), ("GIVEN", "self", 10, True)],
            p["Quin"]: [("REFUSED", "self", 20, False), ("GIVEN", "self", 3, False)],
        },
    )
    assert not await served(lead, world.pid("Olga"))
    assert not await served(lead, world.pid("Pete"))
    assert await served(lead, world.pid("Quin"))


async def test_only_decisions_by_someone_who_may_decide_count(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    world = await family(
        db,
        [
            ("Rae", years_ago(17), "CHILD"),
            ("Sam", years_ago(37), "PARENT"),
            ("Tia", years_ago(70), "PARENT"),
            ("Uma", years_ago(70), "PARENT"),
            ("Vic", years_ago(9), "CHILD"),
        ],
    )
    _, lead = _callers(client, token)
    p = world.people
    await history(
        db,
        {
            # A 17-year-old's own consent withdrawn, then a parent's: the child's decision stands.
            p["Rae"]: [("GIVEN", "self", 30, True), ("GIVEN", "parent", 2, False)],
            # Parental responsibility for a 37-year-old.
            p["Sam"]: [("GIVEN", "parent", 2, False)],
            # An appropriate person for an adult, with no reason; and with one.
            p["Tia"]: [("GIVEN", "deputy", 2, False)],
            p["Uma"]: [("GIVEN", "deputy with reason", 2, False)],
            # A parent for a child of 9.
            p["Vic"]: [("GIVEN", "parent", 2, False)],
        },
    )
    assert not await served(lead, world.pid("Rae"))
    assert not await served(lead, world.pid("Sam"))
    assert not await served(lead, world.pid("Tia"))
    assert await served(lead, world.pid("Uma"))
    assert await served(lead, world.pid("Vic"))
