"""Paired worlds: two databases that differ only in what a caller may not see must give that
caller the same bytes, for queries and for mutation payloads.

One family of the test's own (the lead practitioner on its team): Ann and Cat are covered by
consent, Ben refused. A second family the lead is not on has a team of its own. Each variation
changes one hidden thing: how many criteria Ben (no consent) meets, his name and date of birth,
whether a relative without consent is linked to Ann (and a member of the family), whether Ann and
Ben are already linked, and who is on the other family's team. Every response of the lead (and,
where the row rules let them see it, of a co-ordinator) is compared byte for byte, ids a mutation
makes afresh aside.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Awaitable, Callable

import httpx
import pytest

from api.relay import global_id
from graph import Database, consent_summary
from tests.api.conftest import Token
from tests.api.sharing_world import (
    LEAD,
    Caller,
    Family,
    decided,
    family,
    run,
    years_ago,
)

READS = """
query($family: ID!, $other: ID!, $ann: ID!, $ben: ID!) {
  family(id: $family) {
    reference status identifiedAt
    members { totalCount pageInfo { endCursor hasNextPage }
              edges { cursor role node { id givenName dateOfBirth } } }
    team { totalCount edges { lead node { name } } }
  }
  other: family(id: $other) { reference team { totalCount edges { node { name } } } }
  ann: person(id: $ann) {
    givenName
    relatives { totalCount pageInfo { endCursor } edges { cursor kind node { id givenName } } }
    criteriaMet { totalCount }
    families { totalCount }
  }
  ben: person(id: $ben) {
    id givenName dateOfBirth
    criteriaMet { totalCount pageInfo { endCursor } edges { cursor node { code } } }
    relatives { totalCount edges { cursor } }
    addresses { totalCount }
    families { totalCount }
    consents { totalCount edges { node { status grantorKind } } }
  }
  people(first: 50, filter: {name: "pairedworld"}) {
    totalCount pageInfo { endCursor } edges { cursor node { id givenName } }
  }
}
"""

LINK = """
mutation($input: LinkRelativesInput!) {
  linkRelatives(input: $input) { link { id kind rationale } errors { code field message } }
}
"""

ADD = """
mutation($input: AddTeamMemberInput!) {
  addTeamMember(input: $input) {
    team { totalCount edges { lead node { name } } } errors { code field message }
  }
}
"""

# The id of the link a mutation makes is new in each world.
_MADE = re.compile(rb'"link":\{"id":"[A-Za-z0-9+/=_-]+"')


async def _world(db: Database) -> tuple[Family, Family]:
    main = await family(
        db,
        [
            ("Ann", years_ago(38), "PARENT"),
            ("Ben", years_ago(41), "PARENT"),
            ("Cat", years_ago(7), "CHILD"),
        ],
    )
    other = await family(db, [("Ola", years_ago(50), "PARENT")])
    # The other family is not on the lead's team: its team is someone else's.
    await run(
        db,
        """MATCH (f:Family {id: $other})<-[t:MEMBER_OF_TEAM]-(:User) DELETE t
           WITH DISTINCT f
           MERGE (u:User {id: 't-pw-other-lead'}) SET u.name = 'Oona Other',
                 u.roles = ['lead_practitioner'], u.active = true
           MERGE (u)-[:MEMBER_OF_TEAM {lead: true, from: date('2026-01-10')}]->(f)""",
        other=other.id,
    )
    await run(
        db,
        "UNWIND $ids AS id MATCH (p:Person {id: id})"
        " SET p.nameKey = 'pairedworld ' + toLower(p.givenName)",
        ids=list(main.people.values()),
    )
    return main, other


async def _consents(db: Database, main: Family) -> None:
    people = main.people
    await decided(
        db,
        {
            people["Ann"]: ("GIVEN", False),
            people["Cat"]: ("GIVEN", True),
            people["Ben"]: ("REFUSED", False),
        },
    )


async def _report(db: Database, person: str, codes: list[str]) -> None:
    await run(
        db,
        """MATCH (p:Person {id: $person}), (o:Organisation {id: 't-sw-org'})
           UNWIND $codes AS code
           MERGE (c:Criterion {code: code}) ON CREATE SET c.name = code,
                 c.headlineProblem = 'worklessness', c.framework = 'tf2015'
           CREATE (s:SourceRecord {id: $person + '-' + code, partnerReference: code,
                                   receivedAt: datetime()})
           CREATE (s)-[:ABOUT]->(p), (s)-[:SUPPLIED_BY]->(o),
                  (s)-[:REPORTS {evidenceDate: date('2026-02-01')}]->(c)""",
        person=person,
        codes=codes,
    )


# How many statements a request ran (a development aid, refused in production: it tells of work
# done on hidden rows too) is left out.
_COUNT = re.compile(rb'"queryCount":\d+,|,"queryCount":\d+|"queryCount":\d+')


def _normalised(body: bytes) -> bytes:
    return _COUNT.sub(b"", _MADE.sub(b'"link":{"id":"<made>"', body))


Change = Callable[[Database, Family, Family], Awaitable[None]]


async def _more_criteria_for_ben(db: Database, main: Family, other: Family) -> None:
    await _report(db, main.people["Ben"], ["WK2", "WK3", "CN1"])


async def _bens_name_and_birth(db: Database, main: Family, other: Family) -> None:
    await run(
        db,
        "MATCH (p:Person {id: $id})"
        " SET p.givenName = 'Benedict', p.dateOfBirth = date('1970-01-01')",
        id=main.people["Ben"],
    )


async def _a_relative_without_consent(db: Database, main: Family, other: Family) -> None:
    await run(
        db,
        """MATCH (ann:Person {id: $ann}), (f:Family {id: $family})
           CREATE (rex:Person {id: $ann + '-rex', givenName: 'Rex', familyName: 'World',
                               nameKey: 'pairedworld rex', dateOfBirth: date('1960-05-05'),
                               consentUntil: date('9999-12-31')})
           CREATE (rex)-[:MEMBER_OF {role: 'RELATIVE', from: date('2026-01-10')}]->(f)
           CREATE (rex)-[:RELATED_TO {id: $ann + '-rex-link', kind: 'PARENT',
                   source: 'PARTNER_DATA', createdAt: datetime()}]->(ann)""",
        ann=main.people["Ann"],
        family=main.id,
    )


async def _ann_and_ben_linked(db: Database, main: Family, other: Family) -> None:
    await run(
        db,
        """MATCH (ann:Person {id: $ann}), (ben:Person {id: $ben})
           CREATE (ben)-[:RELATED_TO {id: $ann + '-ben-link', kind: 'PARTNER',
                   source: 'PARTNER_DATA', createdAt: datetime()}]->(ann)""",
        ann=main.people["Ann"],
        ben=main.people["Ben"],
    )


async def _another_team(db: Database, main: Family, other: Family) -> None:
    await run(
        db,
        """MATCH (f:Family {id: $other})
           MERGE (u:User {id: 't-pw-extra'}) SET u.name = 'Xena Extra',
                 u.roles = ['practitioner'], u.active = true
           MERGE (u)-[:MEMBER_OF_TEAM {lead: false, from: date('2026-02-01')}]->(f)""",
        other=other.id,
    )


CHANGES: dict[str, Change] = {
    "a withheld list's size": _more_criteria_for_ben,
    "the values of a person without consent": _bens_name_and_birth,
    "a relative and member without consent": _a_relative_without_consent,
    "a relationship to a person without consent": _ann_and_ben_linked,
    "a hidden team": _another_team,
}


async def _responses(
    callers: list[tuple[Caller, str]], main: Family, other: Family, db: Database
) -> list[bytes]:
    out: list[bytes] = []
    ids = {"family": main.gid, "other": other.gid, "ann": main.pid("Ann"), "ben": main.pid("Ben")}
    for caller, purpose in callers:
        for query, variables in (
            (READS, ids),
            (
                LINK,
                {
                    "input": {
                        "personId": main.pid("Ann"),
                        "relativeId": main.pid("Ben"),
                        "kind": "PARTNER",
                        "rationale": "They have lived together for years.",
                    }
                },
            ),
            (ADD, {"input": {"familyId": other.gid, "userId": global_id("User", LEAD)}}),
            (ADD, {"input": {"familyId": main.gid, "userId": global_id("User", LEAD)}}),
        ):
            response = await caller.client.post(
                "/graphql",
                json={"query": query, "variables": variables},
                headers={"Authorization": f"Bearer {caller.bearer}", "X-Purpose-Of-Use": purpose},
            )
            out.append(_normalised(response.content))
        # What the link mutation made is not part of either world.
        await run(
            db,
            "MATCH ()-[r:RELATED_TO {source: 'PRACTITIONER'}]->(:Person {id: $ann}) DELETE r",
            ann=main.people["Ann"],
        )
    return out


@pytest.mark.parametrize("change", sorted(CHANGES))
async def test_a_hidden_change_changes_no_byte_of_any_response(
    client: httpx.AsyncClient, token: Token, db: Database, change: str
) -> None:
    main, other = await _world(db)
    await _consents(db, main)
    await _report(db, main.people["Ben"], ["WK1"])
    await _report(db, main.people["Ann"], ["WK1"])
    await db.write(consent_summary.refresh, list(main.people.values()))
    lead = Caller(client, token, LEAD, "lead_practitioner")
    callers = [(lead, "coordinate-support"), (lead, "assess-needs")]
    before = await _responses(callers, main, other, db)
    assert b'"givenName":"Ann"' in before[0]  # the world is read, not refused
    await CHANGES[change](db, main, other)
    after = await _responses(callers, main, other, db)
    for i, (b, a) in enumerate(zip(before, after, strict=True)):
        assert a == b, "\n".join([f"response {i}:", *_difference(b, a)])


def _difference(before: bytes, after: bytes) -> list[str]:
    """Where two responses differ, as lines of their indented JSON (for the failure message)."""
    lines = [
        json.dumps(json.loads(x), indent=1, sort_keys=True).splitlines() for x in (before, after)
    ]
    return [line for line in difflib.unified_diff(*lines, lineterm="", n=2)][:40]
