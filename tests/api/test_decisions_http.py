"""The decision table, checked over HTTP: for every role and purpose, what the API serves of
people the caller relates to (by team, and not at all) is what ``policy.decision.decide`` says.

The people are the test's own (removed afterwards), so that no other test's teams, grants or
consent changes can move them: a caller on the team around one family, a person in it who
consented, one who withdrew, and a consenting person in a family with no team. Each field's data
class is read off the schema (the ``Classified`` extension the API decides with).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from itertools import product
from typing import Any

import httpx
import pytest
import pytest_asyncio

from api.access import data_class_of
from api.relay import global_id
from api.schema import create_schema
from graph import Database, consent_summary
from policy import Policy
from policy.decision import Kind, Outcome, Relation, Sharing, decide
from tests.api.conftest import Token
from tests.api.family_data import CONSENT_SECTORS
from vocabulary import DataClass, Purpose, Role

USER = "t-dec-user"
ORGANISATION = "t-dec-org"  # voluntary, a sector everyone here consented to
FAMILY_WITH_TEAM, FAMILY_WITHOUT = "t-dec-fam-team", "t-dec-fam-none"
# alias in the query -> (person id, family, what covers them, how the caller stands to them)
PEOPLE = {
    "teamed": ("t-dec-teamed", FAMILY_WITH_TEAM, Sharing.CONSENT, Relation.TEAM),
    "withdrawn": ("t-dec-withdrawn", FAMILY_WITH_TEAM, Sharing.NONE, Relation.TEAM),
    "stranger": ("t-dec-stranger", FAMILY_WITHOUT, Sharing.CONSENT, Relation.NONE),
}
_STATUS = {Sharing.CONSENT: "GIVEN", Sharing.NONE: "WITHDRAWN"}

_CREATE = """
MERGE (o:Organisation {id: $organisation})
SET o.name = 'Decision Table Partner', o.sector = 'voluntary', o.signedAgreement = true
MERGE (u:User {id: $user}) SET u.name = 'Dee Decider', u.roles = ['practitioner'], u.active = true
MERGE (u)-[:WORKS_FOR]->(o)
WITH u
UNWIND $people AS r
MERGE (p:Person {id: r.id})
SET p.givenName = r.id, p.familyName = 'Table', p.nameKey = toLower(r.id + ' table'),
    p.dateOfBirth = date('1990-01-01'), p.sex = 'F'
MERGE (f:Family {id: r.family})
SET f.reference = 'F-' + r.family, f.status = 'ELIGIBLE', f.identifiedAt = date('2026-01-10')
MERGE (p)-[m:MEMBER_OF]->(f) SET m.role = 'PARENT', m.from = date('2026-01-10')
MERGE (a:Address {id: r.id + '-address'})
SET a.line1 = '1 Table Row', a.town = 'Exeter', a.postcode = 'ZZ9 9ZZ', a.postcodeDistrict = 'ZZ9'
MERGE (p)-[:LIVES_AT {from: date('2020-01-01')}]->(a)
MERGE (c:Consent {id: r.id + '-consent'})
SET c.status = r.status, c.purposes = ['assess-needs', 'coordinate-support', 'monitor-outcomes'],
    c.organisations = [], c.sectors = $sectors, c.grantorKind = 'SELF', c.method = 'WRITTEN',
    c.givenOn = date('2026-01-10'), c.recordedAt = datetime('2026-01-10T10:00:00Z'),
    c.recordedBy = $user
MERGE (c)-[:CONCERNS]->(p)
FOREACH (_ IN CASE WHEN r.family = $teamFamily THEN [1] ELSE [] END |
  MERGE (u)-[t:MEMBER_OF_TEAM]->(f) SET t.lead = false, t.from = date('2026-01-10'))
"""
_REMOVE = "MATCH (n) WHERE n.id STARTS WITH 't-dec-' DETACH DELETE n"  # every id above

# Every field of Person that has one data class, with a selection that reads nothing more.
_SELECTION = {
    "addresses": "{ totalCount }",
    "currentAddress": "{ id }",
    "relatives": "{ totalCount }",
    "families": "{ totalCount }",
    "consents": "{ totalCount }",
    "sharingDecisions": "{ status }",
}


def _classified_fields() -> tuple[dict[str, DataClass], set[str]]:
    """Each classified field of Person, and those that do not wait for consent (the record of
    what the person decided rests on the council's public task)."""
    schema = create_schema()
    person = schema.get_type_by_name("Person")
    fields: dict[str, DataClass] = {}
    exempt: set[str] = set()
    for field in person.fields:  # type: ignore[union-attr]
        classified = data_class_of(field)
        if classified is not None and classified.data_class is not None:
            name = schema.config.name_converter.get_graphql_name(field)
            fields[name] = classified.data_class
            if classified.consent_exempt:
                exempt.add(name)
    return fields, exempt


FIELDS, EXEMPT = _classified_fields()
QUERY = (
    "query("
    + ", ".join(f"${alias}: ID!" for alias in PEOPLE)
    + ") { "
    + " ".join(f"{alias}: person(id: ${alias}) {{ ...Fields }}" for alias in PEOPLE)
    + " } fragment Fields on Person { id "
    + " ".join(f"{name} {_SELECTION.get(name, '')}" for name in FIELDS)
    + " }"
)
POLICY = Policy.load()


async def _run(db: Database, query: str, **params: Any) -> None:
    async with db.driver.session(database=db.name) as session:
        await (await session.run(query, params)).consume()


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def people(db: Database) -> AsyncIterator[None]:
    rows = [
        {"id": person, "family": family, "status": _STATUS[sharing]}
        for person, family, sharing, _ in PEOPLE.values()
    ]
    await _run(
        db,
        _CREATE,
        organisation=ORGANISATION,
        user=USER,
        people=rows,
        sectors=CONSENT_SECTORS,
        teamFamily=FAMILY_WITH_TEAM,
    )
    # Written directly, so summarised as the product's own writers would.
    await db.write(consent_summary.refresh, [p[0] for p in PEOPLE.values()])
    yield
    await _run(db, _REMOVE)


def test_the_query_reads_every_class_of_a_person() -> None:
    assert set(FIELDS.values()) >= {DataClass.IDENTITY, DataClass.ADDRESS, DataClass.SOCIAL_CARE}


@pytest.mark.parametrize(("role", "purpose"), list(product(Role, Purpose)))
async def test_the_api_decides_as_the_table(
    client: httpx.AsyncClient, token: Token, people: None, role: Role, purpose: Purpose
) -> None:
    response = await client.post(
        "/graphql",
        json={
            "query": QUERY,
            "variables": {a: global_id("Person", p[0]) for a, p in PEOPLE.items()},
        },
        headers={
            "Authorization": f"Bearer {token(role.value, USER, ORGANISATION)}",
            "X-Purpose-Of-Use": purpose.value,
        },
    )
    outcomes = {
        (alias, name): decide(
            POLICY,
            {role.value},
            purpose,
            data_class,
            relation,
            Sharing.CONSENT if name in EXEMPT else sharing,
        )
        for alias, (_, _, sharing, relation) in PEOPLE.items()
        for name, data_class in FIELDS.items()
    }
    if response.status_code == 403:
        assert response.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        assert {o.kind for o in outcomes.values()} == {Kind.FORBIDDEN}
        return
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body["errors"]
    redactions = {
        tuple(r["path"]): r["reason"] for r in body.get("extensions", {}).get("redactions", [])
    }
    seen = {key: _seen(body["data"], redactions, *key) for key in outcomes}
    expected = {key: _expected(outcome) for key, outcome in outcomes.items()}
    assert seen == expected


def _expected(outcome: Outcome) -> str:
    if outcome.kind is Kind.WITHHELD:
        assert outcome.reason is not None
        return f"withheld {outcome.reason.value}"
    return outcome.kind.value


def _seen(
    data: dict[str, Any], redactions: dict[tuple[str, ...], str], alias: str, name: str
) -> str:
    person = data[alias]
    if person is None:
        return Kind.ABSENT.value
    if (alias, name) in redactions:
        assert person[name] is None
        return f"withheld {redactions[(alias, name)]}"
    return Kind.SERVED.value if person[name] is not None else "null, not redacted"
