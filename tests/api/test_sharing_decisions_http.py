"""Exceptions to consent are recorded decisions, not request headers, over HTTP: proposed by a role
the policy lets rely on the basis, in force only once a second person (information governance)
approves it, or at once in an emergency and then reviewed; special category data needs a
condition they name, or the person's explicit consent; break-glass records one by itself; and
every disclosure names the consent or decision it rested on."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import httpx
from starlette.applications import Starlette

from api.relay import global_id
from audit.storage import AS_HASHED
from graph import Database
from tests.api.conftest import Token
from tests.api.sharing_world import (
    COORDINATOR,
    LEAD,
    ORGANISATION,
    OTHER_PRACTITIONER,
    Caller,
    decision,
    family,
    record,
    run,
    served,
    years_ago,
)

IG = "t-sw-ig"
GUARDIAN = "t-sw-caldicott"

PROPOSE = """
mutation($input: RecordSharingDecisionInput!) {
  recordSharingDecision(input: $input) {
    decision { id status inForce basis condition emergency personIds proposedByUserId }
    errors { code field message }
  }
}
"""
APPROVE = """
mutation($input: DecideSharingInput!) {
  approveSharingDecision(input: $input) {
    decision { id status inForce decidedByUserId } errors { code field message }
  }
}
"""
REVOKE = """
mutation($input: DecideSharingInput!) {
  revokeSharingDecision(input: $input) { decision { status inForce } errors { code } }
}
"""
REVIEW = """
mutation($input: ReviewSharingDecisionInput!) {
  reviewSharingDecision(input: $input) { decision { status inForce } errors { code } }
}
"""
PENDING = """
query($statuses: [SharingDecisionStatus!]) {
  sharingDecisions(statuses: $statuses, first: 100) {
    totalCount edges { node { id status justification personIds } }
  }
}
"""
BREAK_GLASS = """
mutation($input: BreakGlassInput!) {
  breakGlass(input: $input) { grant { id expiresAt } errors { code field message } }
}
"""
HEALTH = """query($id: ID!) { person(id: $id) {
  givenName criteriaMet { totalCount edges { node { code } } } } }"""


def _ig(
    client: httpx.AsyncClient, token: Token, user: str = IG, role: str = "ig_officer"
) -> Caller:
    return Caller(client, token, user, role)


async def _ig_users(db: Database) -> None:
    await run(
        db,
        """MATCH (o:Organisation {id: $org})
           UNWIND [[$ig, 'ig_officer'], [$guardian, 'caldicott_guardian']] AS u
           MERGE (user:User {id: u[0]}) SET user.name = u[0], user.roles = [u[1]],
                 user.active = true
           MERGE (user)-[:WORKS_FOR]->(o)""",
        org=ORGANISATION,
        ig=IG,
        guardian=GUARDIAN,
    )


# Recipients of an emergency decision: the proposer's own organisation only.
OWN: dict[str, Any] = {"sectors": [], "organisationIds": [global_id("Organisation", ORGANISATION)]}


def _proposal(**overrides: Any) -> dict[str, Any]:
    return {
        "basis": "LEGAL_OBLIGATION",
        "justification": "A court order requires the family's details to be shared.",
        "purposes": ["ASSESS_NEEDS"],
        "sectors": ["VOLUNTARY"],
        "expiresAt": (dt.datetime.now(dt.UTC) + dt.timedelta(days=30)).isoformat(),
    } | overrides


async def _propose(caller: Caller, **overrides: Any) -> dict[str, Any]:
    data = await caller.data(PROPOSE, {"input": _proposal(**overrides)})
    payload: dict[str, Any] = data["recordSharingDecision"]
    return payload


async def _decide(caller: Caller, query: str, decision_id: str, **extra: Any) -> dict[str, Any]:
    body = await caller.post(
        query,
        {"input": {"decisionId": decision_id, "note": "Checked the order.", **extra}},
        purpose="information-governance",
    )
    return body


async def _records(app: Starlette, db: Database, request_id: str) -> list[dict[str, Any]]:
    await app.state.audit.shipped()
    rows = await run(
        db,
        "MATCH (d:Disclosure {requestId: $id}) RETURN " + AS_HASHED + " AS d",
        id=request_id,
    )
    return [r["d"] for r in rows]


async def _read_as(caller: Caller, person: str) -> tuple[str, dict[str, Any]]:
    request_id = f"t-sw-{uuid.uuid4()}"
    response = await caller.client.post(
        "/graphql",
        json={
            "query": "query($id: ID!) { person(id: $id) { givenName } }",
            "variables": {"id": person},
        },
        headers={
            "Authorization": f"Bearer {caller.bearer}",
            "X-Purpose-Of-Use": "assess-needs",
            "X-Request-Id": request_id,
        },
    )
    return request_id, response.json()


async def test_a_header_cannot_stand_in_for_consent(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    world = await family(db, [("Ann", years_ago(40), "PARENT")])
    lead = Caller(client, token, LEAD, "lead_practitioner")
    for headers in (
        {"X-Lawful-Basis": "LEGAL_OBLIGATION", "X-Justification": "x"},
        {"X-Special-Condition": "EXPLICIT_CONSENT"},
        {"X-Justification": "Because."},
    ):
        response = await client.post(
            "/graphql",
            json={
                "query": "query($id: ID!) { person(id: $id) { givenName } }",
                "variables": {"id": world.pid("Ann")},
            },
            headers={
                "Authorization": f"Bearer {lead.bearer}",
                "X-Purpose-Of-Use": "assess-needs",
                **headers,
            },
        )
        assert response.status_code == 400, headers
        assert response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
        assert "Ann" not in response.text


async def test_a_decision_counts_only_once_a_second_person_approves_it(
    app: Starlette, client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    await _ig_users(db)
    world = await family(db, [("Ben", years_ago(41), "PARENT")])
    coordinator = Caller(client, token, COORDINATOR, "coordinator")
    lead = Caller(client, token, LEAD, "lead_practitioner")
    ben = world.pid("Ben")
    await record(coordinator, decision(ben, status="REFUSED"))
    assert not await served(lead, ben)

    proposed = await _propose(lead, personId=ben)
    assert proposed["errors"] == []
    assert proposed["decision"]["status"] == "PROPOSED"
    assert proposed["decision"]["inForce"] is False
    assert not await served(lead, ben)  # proposed is not in force

    # The proposer may not approve it, nor may a role the policy does not name.
    as_proposer = await _decide(
        Caller(client, token, LEAD, "ig_officer"), APPROVE, proposed["decision"]["id"]
    )
    assert as_proposer["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    not_governance = await lead.post(
        APPROVE, {"input": {"decisionId": proposed["decision"]["id"], "note": "ok"}}
    )
    assert not_governance["errors"][0]["extensions"]["code"] == "FORBIDDEN"

    approved = await _decide(_ig(client, token), APPROVE, proposed["decision"]["id"])
    assert approved["data"]["approveSharingDecision"]["decision"]["status"] == "APPROVED"
    assert approved["data"]["approveSharingDecision"]["decision"]["decidedByUserId"] == IG
    again = await _decide(_ig(client, token), APPROVE, proposed["decision"]["id"])
    assert [e["code"] for e in again["data"]["approveSharingDecision"]["errors"]] == ["CONFLICT"]

    request_id, body = await _read_as(lead, ben)
    assert body["data"]["person"]["givenName"] == "Ben"
    [audited] = await _records(app, db, request_id)
    raw = proposed["decision"]["id"]
    assert audited["restedOn"] == ["d:" + _raw_id(raw)]
    assert audited["lawfulBasis"] == "CONSENT"  # the request's own; the decision is named

    revoked = await _decide(_ig(client, token), REVOKE, raw)
    assert revoked["data"]["revokeSharingDecision"]["decision"]["status"] == "REVOKED"
    assert not await served(lead, ben)


def _raw_id(global_value: str) -> str:
    from api.relay import parse_global_id

    return parse_global_id(global_value)[1]


async def test_who_may_propose_on_which_basis_is_the_policys(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    world = await family(db, [("Cal", years_ago(30), "PARENT")])
    lead = Caller(client, token, LEAD, "lead_practitioner")
    # A lead practitioner may rely on legal obligation and vital interests, not public task.
    refused = await lead.post(
        PROPOSE, {"input": _proposal(personId=world.pid("Cal"), basis="PUBLIC_TASK")}
    )
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    # Nor for a purpose that does not rest on consent.
    partner = Caller(client, token, "t-sw-partner", "partner_system")
    system = await partner.post(
        PROPOSE,
        {"input": _proposal(personId=world.pid("Cal"), purposes=["IDENTIFY_INDIVIDUALS"])},
        purpose="identify-individuals",
    )
    assert system["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_bad_proposals_give_clear_errors_and_write_nothing(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    world = await family(db, [("Dot", years_ago(30), "PARENT")])
    lead = Caller(client, token, LEAD, "lead_practitioner")
    dot = world.pid("Dot")
    now = dt.datetime.now(dt.UTC)
    bad = "BAD_USER_INPUT"
    SOON = {"expiresAt": (now + dt.timedelta(hours=12)).isoformat()}
    cases: list[tuple[dict[str, Any], list[tuple[str, str | None]]]] = [
        ({"personId": dot, "familyId": world.gid}, [(bad, "personId")]),
        ({}, [(bad, "personId")]),
        ({"personId": "nope"}, [(bad, "personId")]),
        ({"personId": dot, "justification": "  "}, [(bad, "justification")]),
        ({"personId": dot, "purposes": []}, [(bad, "purposes")]),
        ({"personId": dot, "purposes": ["COORDINATE_SUPPORT"]}, [(bad, "purposes")]),
        ({"personId": dot, "sectors": [], "organisationIds": []}, [(bad, "organisationIds")]),
        ({"personId": dot, "expiresAt": (now - dt.timedelta(hours=1)).isoformat()},
         [(bad, "expiresAt")]),
        ({"personId": dot, "expiresAt": (now + dt.timedelta(days=400)).isoformat()},
         [(bad, "expiresAt")]),
        ({"personId": dot, "emergency": True, **OWN}, [(bad, "emergency")]),
        (
            {
                "personId": dot,
                "basis": "VITAL_INTERESTS",
                "emergency": True,
                "expiresAt": (now + dt.timedelta(days=5)).isoformat(),
                **OWN,
            },
            [(bad, "expiresAt")],
        ),
        # An emergency reaches no further than break-glass: the proposer's organisation, and the
        # vital interests condition only.
        ({"personId": dot, "basis": "VITAL_INTERESTS", "emergency": True, **SOON},
         [(bad, "organisationIds")]),
        (
            {"personId": dot, "basis": "VITAL_INTERESTS", "emergency": True,
             "condition": "STATUTORY_PURPOSES", **OWN, **SOON},
            [(bad, "condition")],
        ),
        ({"personId": global_id("Person", "nobody")}, [("NOT_FOUND", "personId")]),
        (
            {"personId": dot, "organisationIds": [global_id("Organisation", "t-none")]},
            [("NOT_FOUND", "organisationIds")],
        ),
    ]  # fmt: skip
    before = await run(db, "MATCH (d:SharingDecision) RETURN count(d) AS n")
    for overrides, expected in cases:
        payload = await _propose(lead, **overrides)
        assert payload["decision"] is None, overrides
        assert [(e["code"], e["field"]) for e in payload["errors"]] == expected, overrides
    assert await run(db, "MATCH (d:SharingDecision) RETURN count(d) AS n") == before


async def test_the_same_decision_twice_is_a_conflict(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    world = await family(db, [("Eve", years_ago(30), "PARENT")])
    lead = Caller(client, token, LEAD, "lead_practitioner")
    first = await _propose(lead, personId=world.pid("Eve"))
    again = await _propose(lead, personId=world.pid("Eve"))
    assert [e["code"] for e in again["errors"]] == ["CONFLICT"]
    assert again["decision"]["id"] == first["decision"]["id"]


async def test_an_emergency_decision_is_in_force_at_once_notified_and_reviewed(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    await _ig_users(db)
    world = await family(db, [("Fin", years_ago(35), "PARENT")])
    lead = Caller(client, token, LEAD, "lead_practitioner")
    fin = world.pid("Fin")
    assert not await served(lead, fin)  # nothing recorded: no consent
    emergency = await _propose(
        lead,
        familyId=world.gid,
        basis="VITAL_INTERESTS",
        emergency=True,
        expiresAt=(dt.datetime.now(dt.UTC) + dt.timedelta(hours=12)).isoformat(),
        justification="Fin was found unconscious; the team must act now.",
        **OWN,
    )
    assert emergency["errors"] == []
    assert emergency["decision"]["status"] == "EMERGENCY"
    assert emergency["decision"]["personIds"] == [fin]
    assert await served(lead, fin)
    notified = await run(
        db,
        "MATCH (n:Notification {kind: 'SHARING_EMERGENCY'})-[:ABOUT]->(d:SharingDecision {id: $id})"
        " RETURN count(n) AS n",
        id=_raw_id(emergency["decision"]["id"]),
    )
    assert notified == [{"n": 1}]
    guardian = _ig(client, token, GUARDIAN, "caldicott_guardian")
    pending = await guardian.data(
        PENDING, {"statuses": ["EMERGENCY"]}, purpose="information-governance"
    )
    assert emergency["decision"]["id"] in [
        e["node"]["id"] for e in pending["sharingDecisions"]["edges"]
    ]
    overturned = await _decide(guardian, REVIEW, emergency["decision"]["id"], outcome="OVERTURN")
    assert overturned["data"]["reviewSharingDecision"]["decision"] == {
        "status": "OVERTURNED",
        "inForce": False,
    }
    assert not await served(lead, fin)


async def test_special_category_data_needs_a_condition_the_decision_names(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    await _ig_users(db)
    world = await family(db, [("Gil", years_ago(45), "PARENT")])
    await run(
        db,
        """MATCH (p:Person {id: $person}), (o:Organisation {id: $org})
           MERGE (c:Criterion {code: 'HE1'}) ON CREATE SET c.name = 'Adult with a mental health
             problem', c.headlineProblem = 'health', c.framework = 'tf2015'
           CREATE (s:SourceRecord {id: $person + '-he1', partnerReference: 'he1',
                                   receivedAt: datetime()})
           CREATE (s)-[:ABOUT]->(p), (s)-[:SUPPLIED_BY]->(o),
                  (s)-[:REPORTS {evidenceDate: date('2026-02-01')}]->(c)""",
        person=world.people["Gil"],
        org=ORGANISATION,
    )
    coordinator = Caller(client, token, COORDINATOR, "coordinator")
    gil = world.pid("Gil")

    async def health() -> int:
        data = await coordinator.data(HEALTH, {"id": gil})
        count: int = data["person"]["criteriaMet"]["totalCount"]
        return count

    plain = await _propose(coordinator, personId=gil)
    await _decide(_ig(client, token), APPROVE, plain["decision"]["id"])
    assert await served(coordinator, gil)
    assert await health() == 0  # no condition named: ordinary data only
    with_condition = await _propose(
        coordinator, personId=gil, condition="SUBSTANTIAL_PUBLIC_INTEREST_SAFEGUARDING"
    )
    await _decide(_ig(client, token), APPROVE, with_condition["decision"]["id"])
    assert await health() == 1


async def test_break_glass_records_a_decision_and_switches_the_basis_by_itself(
    app: Starlette, client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    world = await family(db, [("Hal", years_ago(50), "PARENT"), ("Ida", years_ago(8), "CHILD")])
    other = Caller(client, token, OTHER_PRACTITIONER, "practitioner")
    hal = world.pid("Hal")
    assert (await other.data("query($id: ID!) { person(id: $id) { id } }", {"id": hal}))[
        "person"
    ] is None  # not on the team: absent
    granted = await other.data(
        BREAK_GLASS,
        {"input": {"familyId": world.gid, "justification": "Ida is missing tonight."}},
    )
    assert granted["breakGlass"]["errors"] == []
    # No consent is recorded for anyone here: the emergency decision is what the data rests on.
    request_id, body = await _read_as(other, hal)
    assert body["data"]["person"]["givenName"] == "Hal"
    [audited] = await _records(app, db, request_id)
    assert len(audited["restedOn"]) == 1
    assert audited["restedOn"][0].startswith("d:")
    assert audited["breakGlass"] is True
    again = await other.data(
        BREAK_GLASS,
        {"input": {"familyId": world.gid, "justification": "Still missing."}},
    )
    assert [e["code"] for e in again["breakGlass"]["errors"]] == ["CONFLICT"]
    assert again["breakGlass"]["grant"]["id"] == granted["breakGlass"]["grant"]["id"]
    counts = await run(
        db,
        """MATCH (b:BreakGlass {userId: $user, familyId: $family})
           OPTIONAL MATCH (n:Notification)-[:ABOUT]->(b)
           RETURN count(DISTINCT b) AS grants, count(n) AS notifications""",
        user=OTHER_PRACTITIONER,
        family=world.id,
    )
    assert counts == [{"grants": 1, "notifications": 1}]
    # The decision shares with the user who broke the glass, not their organisation: a
    # co-ordinator of the same organisation, who sees every family, still meets Hal's refusal.
    colleague = Caller(client, token, COORDINATOR, "coordinator")
    assert not await served(colleague, hal)


async def test_only_information_governance_lists_decisions(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    await _ig_users(db)
    lead = Caller(client, token, LEAD, "lead_practitioner")
    refused = await lead.post(PENDING, {"statuses": ["PROPOSED"]})
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert refused["data"] is None
    listed = await _ig(client, token).data(
        PENDING, {"statuses": ["PROPOSED"]}, purpose="information-governance"
    )
    assert listed["sharingDecisions"]["totalCount"] >= 0


async def test_a_user_whose_access_is_not_approved_joins_no_team(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    world = await family(db, [("Jo", years_ago(30), "PARENT")])
    await run(
        db,
        """MATCH (o:Organisation {id: $org})
           MERGE (u:User {id: 't-sw-suspended'}) SET u.name = 'Sue Spended',
                 u.roles = ['practitioner'], u.active = false, u.status = 'SUSPENDED'
           MERGE (u)-[:WORKS_FOR]->(o)""",
        org=ORGANISATION,
    )
    lead = Caller(client, token, LEAD, "lead_practitioner")
    added = await lead.data(
        """mutation($input: AddTeamMemberInput!) {
             addTeamMember(input: $input) { errors { code field } } }""",
        {"input": {"familyId": world.gid, "userId": global_id("User", "t-sw-suspended")}},
    )
    assert added["addTeamMember"]["errors"] == [{"code": "BAD_USER_INPUT", "field": "userId"}]
    members = await run(
        db,
        "MATCH (:User {id: 't-sw-suspended'})-[t:MEMBER_OF_TEAM]->() RETURN count(t) AS n",
    )
    assert members == [{"n": 0}]


async def test_a_decision_is_shown_to_its_proposer_and_recipients_only(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    world = await family(db, [("Kim", years_ago(30), "PARENT")])
    await run(
        db,
        """MERGE (o:Organisation {id: 't-sw-police'}) SET o.name = 'SW Police', o.sector = 'police',
                 o.signedAgreement = true
           MERGE (u:User {id: 't-sw-officer'}) SET u.name = 'Olly Officer',
                 u.roles = ['practitioner'], u.active = true
           MERGE (u)-[:WORKS_FOR]->(o)
           WITH u MATCH (f:Family {id: $family})
           MERGE (u)-[:MEMBER_OF_TEAM {lead: false, from: date('2026-01-10')}]->(f)""",
        family=world.id,
    )
    lead = Caller(client, token, LEAD, "lead_practitioner")
    proposed = await _propose(lead, personId=world.pid("Kim"))  # shares with the voluntary sector
    assert proposed["errors"] == []
    query = "query($id: ID!) { person(id: $id) { sharingDecisions { id } } }"
    mine = await lead.data(query, {"id": world.pid("Kim")})
    assert [d["id"] for d in mine["person"]["sharingDecisions"]] == [proposed["decision"]["id"]]
    response = await client.post(
        "/graphql",
        json={"query": query, "variables": {"id": world.pid("Kim")}},
        headers={
            "Authorization": f"Bearer {token('practitioner', 't-sw-officer', 't-sw-police')}",
            "X-Purpose-Of-Use": "assess-needs",
        },
    )
    # Another agency on the team sees the person, not the exception made for another sector.
    assert response.json()["data"]["person"]["sharingDecisions"] == []
