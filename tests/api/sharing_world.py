"""A small world of its own for the sharing-gate tests: one family per test, its people of the
ages a test asks for, a lead practitioner on its team, and calls to record consent over HTTP.
Ids are unique per family, so no test sees another's people or decisions."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import httpx

from api.relay import global_id
from graph import Database, consent_summary
from tests.api.conftest import Token

ORGANISATION = "t-sw-org"  # voluntary sector
LEAD = "t-sw-lead"
COORDINATOR = "t-sw-coordinator"
OTHER_PRACTITIONER = "t-sw-other"  # of the same organisation, not on the team
TODAY = dt.datetime.now(dt.UTC).date()

_WORLD = """
MERGE (o:Organisation {id: $organisation})
SET o.name = 'Sharing World Partner', o.sector = 'voluntary', o.signedAgreement = true
WITH o
UNWIND $users AS u
MERGE (user:User {id: u.id}) SET user.name = u.name, user.roles = u.roles, user.active = true
MERGE (user)-[:WORKS_FOR]->(o)
"""

_FAMILY = """
MATCH (lead:User {id: $lead})
CREATE (f:Family {id: $family, reference: 'F-' + $family, status: 'ELIGIBLE',
                  identifiedAt: date('2026-01-10')})
CREATE (lead)-[:MEMBER_OF_TEAM {lead: true, from: date('2026-01-10')}]->(f)
WITH f
UNWIND $people AS r
CREATE (p:Person {id: r.id, givenName: r.name, familyName: 'World',
                  nameKey: toLower(r.name + ' world'), dateOfBirth: r.born, sex: 'F',
                  consentUntil: date('9999-12-31')})
CREATE (p)-[:MEMBER_OF {role: r.role, from: date('2026-01-10')}]->(f)
"""

PERSON_FIELDS = "query($id: ID!) { person(id: $id) { givenName dateOfBirth } }"

RECORD = """
mutation($input: RecordConsentInput!) {
  recordConsent(input: $input) {
    consent { id status grantorKind grantorName countsToday reviewDue }
    errors { code field message }
  }
}
"""

WITHDRAW = """
mutation($input: WithdrawConsentInput!) {
  withdrawConsent(input: $input) { consent { id status } errors { code field message } }
}
"""


async def run(db: Database, query: str, **params: Any) -> list[dict[str, Any]]:
    async with db.driver.session(database=db.name) as session:
        result = await session.run(query, params)
        return [record.data() async for record in result]


def years_ago(years: int, days: int = 10) -> dt.date:
    """A birthday ``years`` years (and ``days`` days) before today."""
    try:
        day = TODAY.replace(year=TODAY.year - years)
    except ValueError:
        day = dt.date(TODAY.year - years, 3, 1)
    return day - dt.timedelta(days=days)


@dataclass
class Family:
    id: str
    people: dict[str, str]  # name -> person id

    def pid(self, name: str) -> str:
        return global_id("Person", self.people[name])

    @property
    def gid(self) -> str:
        return global_id("Family", self.id)


async def ensure_world(db: Database) -> None:
    await run(
        db,
        _WORLD,
        organisation=ORGANISATION,
        users=[
            {"id": LEAD, "name": "Lena Lead", "roles": ["lead_practitioner"]},
            {"id": COORDINATOR, "name": "Cora Coordinator", "roles": ["coordinator"]},
            {"id": OTHER_PRACTITIONER, "name": "Otto Other", "roles": ["practitioner"]},
        ],
    )


async def family(db: Database, members: Sequence[tuple[str, dt.date | None, str]]) -> Family:
    """A new family of (name, date of birth, role) members, led by LEAD."""
    await ensure_world(db)
    tag = uuid.uuid4().hex[:8]
    people = {name: f"t-sw-{tag}-{name.lower()}" for name, _, _ in members}
    await run(
        db,
        _FAMILY,
        lead=LEAD,
        family=f"t-sw-fam-{tag}",
        people=[
            {"id": people[name], "name": name, "born": born, "role": role}
            for name, born, role in members
        ],
    )
    return Family(f"t-sw-fam-{tag}", people)


class Caller:
    """Posts GraphQL as one user of the world, for one purpose."""

    def __init__(self, client: httpx.AsyncClient, token: Token, user: str, role: str) -> None:
        self.client = client
        self.bearer = token(role, user, ORGANISATION)

    async def post(
        self, query: str, variables: dict[str, Any] | None = None, purpose: str = "assess-needs"
    ) -> dict[str, Any]:
        response = await self.client.post(
            "/graphql",
            json={"query": query, "variables": variables or {}},
            headers={"Authorization": f"Bearer {self.bearer}", "X-Purpose-Of-Use": purpose},
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    async def data(self, query: str, variables: dict[str, Any] | None = None, **kw: Any) -> Any:
        body = await self.post(query, variables, **kw)
        assert "errors" not in body, body["errors"]
        return body["data"]


def decision(
    person: str,
    *,
    status: str = "GIVEN",
    grantor: dict[str, Any] | None = None,
    given_on: dt.date | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """A recordConsent input: for assessing needs and co-ordinating support, with the world's
    organisation's sector."""
    day = (given_on or TODAY - dt.timedelta(days=1)).isoformat()
    return {
        "personId": person,
        "status": status,
        "purposes": ["ASSESS_NEEDS", "COORDINATE_SUPPORT"],
        "sectors": ["VOLUNTARY"],
        "grantor": grantor or {"kind": "SELF"},
        "method": "WRITTEN",
        "givenOn": day,
        "formReference": "EH-CF-SW",
        "privacyNotice": {"version": "2026-01", "givenOn": day},
    } | extra


PARENT = {"kind": "PARENTAL_RESPONSIBILITY", "name": "Pat World", "relationship": "mother"}


async def record(caller: Caller, input: dict[str, Any]) -> dict[str, Any]:
    data = await caller.data(RECORD, {"input": input})
    payload: dict[str, Any] = data["recordConsent"]
    return payload


_CONSENT = """
UNWIND $rows AS r
MATCH (p:Person {id: r.person})
CREATE (c:Consent {id: r.person + '-' + r.status + '-' + toString(r.daysAgo), status: r.status,
                   purposes: ['assess-needs', 'coordinate-support', 'monitor-outcomes'],
                   organisations: [], sectors: ['voluntary'], grantorKind: r.grantor,
                   grantorName: r.grantorName, grantorRelationship: r.relationship,
                   grantorReason: r.reason, method: 'WRITTEN', formReference: 'EH-CF-SW',
                   privacyNoticeVersion: '2026-01',
                   privacyNoticeGivenOn: date() - duration({days: r.daysAgo}),
                   givenOn: date() - duration({days: r.daysAgo}),
                   recordedAt: datetime() - duration({days: r.daysAgo}),
                   recordedBy: 't-sw-coordinator'})-[:CONCERNS]->(p)
FOREACH (_ IN CASE WHEN r.withdrawn THEN [1] ELSE [] END |
  SET c.status = 'WITHDRAWN', c.withdrawnAt = datetime() - duration({hours: r.daysAgo}),
      c.withdrawnBy = 't-sw-coordinator', c.withdrawalReason = 'Changed their mind.')
"""

_GRANTORS = {
    "self": ("SELF", None, None, None),
    "parent": ("PARENTAL_RESPONSIBILITY", "Pat World", "mother", None),
    "parent unnamed": ("PARENTAL_RESPONSIBILITY", None, None, None),
    "deputy": ("APPROPRIATE_PERSON", "Hal World", "son", None),
    "deputy with reason": ("APPROPRIATE_PERSON", "Hal World", "son", "Lacks capacity to decide."),
}


async def decided(db: Database, decisions: dict[str, tuple[str, bool]]) -> None:
    """Record decisions as the API would, written directly: person id -> (status, by a parent),
    then summarised as after any direct write (what the rule makes of them is the API's)."""
    await history(
        db,
        {
            p: [(status, "parent" if by_parent else "self", 2, False)]
            for p, (status, by_parent) in decisions.items()
        },
    )


async def history(db: Database, decisions: dict[str, list[tuple[str, str, int, bool]]]) -> None:
    """Decisions written directly, in order: person id -> [(status, grantor, days ago, then
    withdrawn)], grantor one of ``_GRANTORS``; then summarised as after any direct write."""
    rows = []
    for person, steps in decisions.items():
        for status, grantor, days_ago, withdrawn in steps:
            kind, name, relationship, reason = _GRANTORS[grantor]
            rows.append(
                {
                    "person": person,
                    "status": status,
                    "grantor": kind,
                    "grantorName": name,
                    "relationship": relationship,
                    "reason": reason,
                    "daysAgo": days_ago,
                    "withdrawn": withdrawn,
                }
            )
    await run(db, _CONSENT, rows=rows)
    await db.write(consent_summary.refresh, list(decisions))


async def withdraw(caller: Caller, consent_id: str, reason: str = "Changed their mind.") -> Any:
    data = await caller.data(WITHDRAW, {"input": {"consentId": consent_id, "reason": reason}})
    return data["withdrawConsent"]


async def served(caller: Caller, person: str, purpose: str = "assess-needs") -> bool:
    """Whether the person's own fields come back (else they are withheld: NO_CONSENT)."""
    body = await caller.post(PERSON_FIELDS, {"id": person}, purpose=purpose)
    assert "errors" not in body, body["errors"]
    found = body["data"]["person"]
    assert found is not None
    if found["givenName"] is None:
        reasons = {r["reason"] for r in body["extensions"]["redactions"]}
        assert reasons == {"NO_CONSENT"}, reasons
        return False
    return True
