"""A report of a criterion is data of the criterion's own class (policy/indicator_classes.csv),
over HTTP: "known to have perpetrated domestic violence or abuse" (DA2) evidences the domestic
abuse headline, yet it is criminal offence data, not social care.

Kai, the test's own (removed afterwards), is 17, in a family whose team Pat (the suite's
practitioner) is on, consents to sharing, and is reported by the police as having perpetrated
domestic abuse and by a school as persistently absent (SA1, education). Kai's family is the
only one in postcode district ZZ8.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest_asyncio

from api.relay import global_id
from graph import Database, consent_summary
from tests.api.conftest import Token
from tests.api.family_data import CONSENT_SECTORS

KAI = "t-ind-kai"
FAMILY = "t-ind-fam"
REFERENCE = "F-T-IND"

_CREATE = """
MERGE (p:Person {id: $person})
SET p.givenName = 'Kai', p.familyName = 'Indicator', p.nameKey = 'kai indicator',
    p.dateOfBirth = date('2009-03-01'), p.sex = 'M'
MERGE (f:Family {id: $family})
SET f.reference = $reference, f.status = 'ELIGIBLE', f.identifiedAt = date('2026-01-10')
MERGE (p)-[m:MEMBER_OF]->(f) SET m.role = 'CHILD', m.from = date('2026-01-10')
MERGE (a:Address {id: $person + '-address'})
SET a.line1 = '8 Criterion Close', a.town = 'Exeter', a.postcode = 'ZZ8 1AA',
    a.postcodeDistrict = 'ZZ8'
MERGE (p)-[:LIVES_AT {from: date('2020-01-01')}]->(a)
WITH p, f
MATCH (pat:User {id: 't-user-practitioner'})
MERGE (pat)-[t:MEMBER_OF_TEAM]->(f) SET t.lead = false, t.from = date('2026-01-10')
MERGE (c:Consent {id: $person + '-consent'})
SET c.status = 'GIVEN', c.purposes = ['assess-needs', 'coordinate-support', 'monitor-outcomes'],
    c.organisations = [], c.sectors = $sectors, c.grantorKind = 'SELF', c.method = 'WRITTEN',
    c.givenOn = date('2026-04-01'), c.recordedAt = datetime('2026-04-01T10:00:00Z'),
    c.recordedBy = 't-user-practitioner'
MERGE (c)-[:CONCERNS]->(p)
WITH p
UNWIND $reports AS r
MERGE (crit:Criterion {code: r.code})
  ON CREATE SET crit.name = r.name, crit.headlineProblem = r.problem, crit.framework = 'TF2015'
WITH p, r, crit
MATCH (o:Organisation {id: r.organisation})
MERGE (s:SourceRecord {id: r.id})
SET s.partnerReference = r.id, s.receivedAt = datetime('2026-10-01T09:00:00Z'), s.uploadId = 'test'
MERGE (s)-[:ABOUT]->(p) MERGE (s)-[:SUPPLIED_BY]->(o)
MERGE (s)-[rep:REPORTS]->(crit) SET rep.evidenceDate = date('2026-09-01')
"""
_REPORTS = [
    {
        "id": "t-ind-sr-da2",
        "code": "DA2",
        "name": "Young person or adult known to have perpetrated domestic violence or abuse",
        "problem": "domestic_abuse",
        "organisation": "t-org-police",
    },
    {
        "id": "t-ind-sr-sa1",
        "code": "SA1",
        "name": "Child persistently absent from school for the last three consecutive terms",
        "problem": "school_attendance",
        "organisation": "t-org-school",
    },
]
# Every node above but the criteria, which are the catalogue's.
_REMOVE = "MATCH (n) WHERE n.id STARTS WITH 't-ind-' DETACH DELETE n"

READ = """query($id: ID!) { person(id: $id) {
    givenName criteriaMet { totalCount edges { node { code } reportedBy { name } } } } }"""
PEOPLE = """query($f: PersonFilter) {
    people(filter: $f) { totalCount edges { node { givenName } } } }"""
FAMILIES = "query($f: FamilyFilter) { families(filter: $f) { edges { node { reference } } } }"


async def _explicit_consent(db: Database, categories: list[str]) -> None:
    """Kai's consent naming (or not) criminal offence data: explicit consent, the condition a
    request resting on consent reads it under."""
    await _run(
        db,
        "MATCH (c:Consent {id: $id}) SET c.specialCategories = $categories",
        id=KAI + "-consent",
        categories=categories,
    )
    await db.write(consent_summary.refresh, [KAI])


async def _run(db: Database, query: str, **params: Any) -> None:
    async with db.driver.session(database=db.name) as session:
        await (await session.run(query, params)).consume()


@pytest_asyncio.fixture(scope="module", loop_scope="session", autouse=True)
async def kai(db: Database) -> AsyncIterator[None]:
    await _run(
        db,
        _CREATE,
        person=KAI,
        family=FAMILY,
        reference=REFERENCE,
        sectors=CONSENT_SECTORS,
        reports=_REPORTS,
    )
    await db.write(consent_summary.refresh, [KAI])
    yield
    await _run(db, _REMOVE)


async def _post(
    client: httpx.AsyncClient,
    token: Token,
    role: str,
    query: str,
    variables: dict[str, Any],
    purpose: str = "coordinate-support",
) -> dict[str, Any]:
    response = await client.post(
        "/graphql",
        json={"query": query, "variables": variables},
        headers={"Authorization": f"Bearer {token(role)}", "X-Purpose-Of-Use": purpose},
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _codes(body: dict[str, Any]) -> tuple[int, list[str]]:
    criteria = body["data"]["person"]["criteriaMet"]
    return criteria["totalCount"], sorted(e["node"]["code"] for e in criteria["edges"])


async def test_a_practitioner_does_not_see_that_a_person_perpetrated_domestic_abuse(
    client: httpx.AsyncClient, token: Token
) -> None:
    body = await _post(client, token, "practitioner", READ, {"id": global_id("Person", KAI)})
    assert body["data"]["person"]["givenName"] == "Kai"
    # Left out and not counted: the report's existence is not disclosed either.
    assert _codes(body) == (1, ["SA1"])
    assert "DA2" not in str(body)
    assert "redactions" not in body.get("extensions", {})


async def test_a_coordinator_sees_it_only_under_a_condition_covering_criminal_offence_data(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    variables = {"id": global_id("Person", KAI)}
    without = await _post(client, token, "coordinator", READ, variables)
    assert _codes(without) == (1, ["SA1"])
    await _explicit_consent(db, ["criminal_offence"])
    try:
        covered = await _post(client, token, "coordinator", READ, variables)
    finally:
        await _explicit_consent(db, [])
    assert _codes(covered) == (2, ["DA2", "SA1"])
    reporters = {
        e["node"]["code"]: e["reportedBy"]["name"]
        for e in covered["data"]["person"]["criteriaMet"]["edges"]
    }
    assert reporters == {"DA2": "Test Police", "SA1": "Test Academy"}


async def test_filtering_by_perpetrating_domestic_abuse_is_reading_criminal_offence_data(
    client: httpx.AsyncClient, token: Token
) -> None:
    by_person = {"f": {"criterion": "DA2", "name": "Kai Indicator"}}
    by_family = {"f": {"criterion": "DA2", "postcodeDistrict": "ZZ8"}}
    for query, variables in ((PEOPLE, by_person), (FAMILIES, by_family)):
        refused = await _post(client, token, "practitioner", query, variables)
        assert refused["data"] is None
        assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        assert "criminal_offence" in refused["errors"][0]["message"]
    # The data team, identifying families on the council's public task, filters under the
    # policy's standing condition for criminal offence data.
    analyst = "identify-families"
    people = await _post(client, token, "data_analyst", PEOPLE, by_person, purpose=analyst)
    assert [e["node"]["givenName"] for e in people["data"]["people"]["edges"]] == ["Kai"]
    families = await _post(client, token, "data_analyst", FAMILIES, by_family, purpose=analyst)
    assert [e["node"]["reference"] for e in families["data"]["families"]["edges"]] == [REFERENCE]
    # The same filters on the education report stay open to the practitioner.
    by_school = {"f": {"criterion": "SA1", "name": "Kai Indicator"}}
    allowed = await _post(client, token, "practitioner", PEOPLE, by_school)
    assert [e["node"]["givenName"] for e in allowed["data"]["people"]["edges"]] == ["Kai"]
