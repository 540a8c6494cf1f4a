"""A partner's correction after matching, over HTTP as the partner and the data team see it: a
slip corrected reaches the person, their household's roles and their family's status (beside a
family whose list was not corrected); a correction that changes who the record describes is put
to the data team, and the person stays as they were until it is decided; the more trusted
source's values stand over a less trusted one's correction."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio

from api.relay import global_id
from graph import Database
from graph import matching as repository
from tests.api.conftest import Token
from tests.api.household_calls import FORM, MATCH, gql, person, rows
from tests.api.partner_lists import nhs_number

HEADER = (
    "partner_reference,given_name,family_name,date_of_birth,sex,address_line1,postcode,"
    "nhs_number,criteria,evidence_date\n"
)
UPLOAD = """mutation($f: Upload!) { uploadPartnerList(file: $f) {
  errors { code } alreadyReceived upload { created updated unchanged } } }"""
PERSON = """query($id: ID!) { person(id: $id) {
  givenName familyName dateOfBirth sex
  families { edges { role toDate node { status } } } } }"""
ASSESS = """mutation { assessFamilies(framework: "correction-test") {
  errors { code message } run { families } } }"""
QUEUE = """query($status: ReviewStatus!, $after: String) {
  matchReviews(status: $status, first: 100, after: $after) {
  pageInfo { hasNextPage endCursor }
  edges { node { id rule leftRecord rightRecord changedFields status
                 leftPerson { id } rightPerson { id } } } } }"""
FORM_ROLES = "mutation { formFamilies { errors { code } run { rolesChanged } } }"
DECIDE = """mutation($id: ID!, $decision: ReviewDecision!) {
  decideMatchReview(id: $id, decision: $decision, reason: "Checked with the partner") {
    errors { code } review { status } merge { id } } }"""

# Two headlines, one indicator each, and a dependent child needed (as the 2022 framework).
PLAN = {
    "id": "correction-test",
    "version": "1.0",
    "name": "Corrections reach eligibility (test)",
    "source": "tests/api/test_corrections_http.py",
    "headline_term": "need",
    "headlines": [{"code": "crime", "name": "Crime"}, {"code": "school", "name": "School"}],
    "rule": {"min_headlines": 2, "requires_dependent_child_or_expectant_parent": True},
    "criteria": {
        "CR1": {"headline": "crime", "name": "A proven offence"},
        "SA1": {"headline": "school", "name": "Persistent absence"},
    },
}


@pytest_asyncio.fixture(loop_scope="session")
async def statuses_restored(db: Database) -> AsyncIterator[None]:
    """Assessing decides every family in the shared test graph: put the others' back after."""
    before = await rows(db, "MATCH (f:Family) RETURN f.id AS id, f.status AS status")
    yield
    await rows(
        db,
        "UNWIND $rows AS row MATCH (f:Family {id: row.id}) SET f.status = row.status "
        "REMOVE f.statusFramework, f.statusFrameworkVersion, f.statusReasons, f.statusAssessedAt",
        rows=before,
    )


@pytest.fixture
def plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "plan.json").write_text(json.dumps(PLAN))
    monkeypatch.setenv("EHG_FRAMEWORKS_DIR", str(tmp_path))


async def _upload(
    client: httpx.AsyncClient, token: Token, organisation: str, text: str
) -> dict[str, Any]:
    """Send ``text`` as ``organisation``'s partner system; the upload's counts."""
    partner = token(
        "partner_system", user_id=f"t-system-{organisation}", organisation_id=organisation
    )
    response = await client.post(
        "/graphql",
        headers={"Authorization": f"Bearer {partner}", "X-Purpose-Of-Use": "identify-individuals"},
        data={
            "operations": json.dumps({"query": UPLOAD, "variables": {"f": None}}),
            "map": json.dumps({"0": ["variables.f"]}),
        },
        files={"0": (f"{uuid.uuid4().hex}.csv", text.encode(), "text/csv")},
    )
    payload = response.json()["data"]["uploadPartnerList"]
    assert payload["errors"] == [], payload
    assert not payload["alreadyReceived"]
    upload: dict[str, Any] = payload["upload"]
    return upload


def _analyst(token: Token) -> str:
    return token("data_analyst", user_id="t-user-analyst", organisation_id="t-org-charity")


async def _call(
    client: httpx.AsyncClient, token: Token, query: str, **variables: Any
) -> dict[str, Any]:
    """``query`` as the data team, identifying families; its data."""
    response = await client.post(
        "/graphql",
        json={"query": query, "variables": variables},
        headers={
            "Authorization": f"Bearer {_analyst(token)}",
            "X-Purpose-Of-Use": "identify-families",
        },
    )
    body = response.json()
    assert "errors" not in body, body
    data: dict[str, Any] = body["data"]
    return data


async def _read(client: httpx.AsyncClient, token: Token, person_id: str) -> dict[str, Any]:
    found: dict[str, Any] = (await _call(client, token, PERSON, id=global_id("Person", person_id)))[
        "person"
    ]
    return found


async def _corrections(client: httpx.AsyncClient, token: Token, key: str) -> list[dict[str, Any]]:
    """The correction reviews of the record ``key``, any status, from the whole queue."""
    found: list[dict[str, Any]] = []
    for status in ("PENDING", "APPROVED", "REJECTED"):
        after = None
        while True:
            page = (await _call(client, token, QUEUE, status=status, after=after))["matchReviews"]
            found += [
                e["node"]
                for e in page["edges"]
                if e["node"]["rule"] == "correction" and e["node"]["leftRecord"] == key
            ]
            if not page["pageInfo"]["hasNextPage"]:
                break
            after = page["pageInfo"]["endCursor"]
    return found


def _row(ref: str, given: str, family: str, born: str, sex: str, line: str, nhs: str) -> str:
    return f"{ref},{given},{family},{born},{sex},{line},EX5 1AA,{nhs},CR1;SA1,2026-01-05\n"


@pytest.mark.usefixtures("statuses_restored", "plan")
async def test_a_corrected_date_of_birth_reaches_the_person_their_role_and_family_status(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    tag = uuid.uuid4().hex[:6]
    numbers = [nhs_number() for _ in range(4)]
    # Two households alike: a parent and a child each meeting both headlines.
    first = HEADER + "".join(
        _row(f"{who}-{tag}", given, f"Vale{tag}", born, sex, f"{n} Weir Lane", numbers[i])
        for i, (who, given, born, sex, n) in enumerate(
            [
                ("P", "Dee", "1985-02-03", "F", 1),
                ("C", "Kit", "2014-07-08", "M", 1),
                ("Q", "Lou", "1986-03-04", "F", 2),
                ("D", "Mo", "2013-09-10", "M", 2),
            ]
        )
    )
    assert (await _upload(client, token, "t-org-police", first))["created"] == 4
    analyst = _analyst(token)
    assert (await gql(client, analyst, MATCH))["data"]["matchPartnerRecords"]["errors"] == []
    assert (await gql(client, analyst, FORM))["data"]["formFamilies"]["errors"] == []
    assert (await gql(client, analyst, ASSESS))["data"]["assessFamilies"]["errors"] == []
    child = await person(db, f"t-org-police|C-{tag}")
    control = await person(db, f"t-org-police|D-{tag}")
    before = await _read(client, token, child)
    assert before["dateOfBirth"] == "2014-07-08"
    assert before["families"]["edges"][0]["role"] == "CHILD"
    assert before["families"]["edges"][0]["node"]["status"] == "ELIGIBLE"

    # The partner corrects a slip in the child's year of birth: the child is an adult.
    corrected = HEADER + _row(
        f"C-{tag}", "Kit", f"Vale{tag}", "2004-07-08", "M", "1 Weir Lane", numbers[1]
    )
    assert (await _upload(client, token, "t-org-police", corrected))["updated"] == 1
    after = await _read(client, token, child)
    assert (after["givenName"], after["dateOfBirth"], after["sex"]) == ("Kit", "2004-07-08", "M")
    assert await _corrections(client, token, f"t-org-police|C-{tag}") == []  # a slip: no question

    formed = (await gql(client, analyst, FORM_ROLES))["data"]["formFamilies"]
    assert formed["errors"] == []
    assert formed["run"]["rolesChanged"] >= 1
    assert (await gql(client, analyst, ASSESS))["data"]["assessFamilies"]["errors"] == []
    now = await _read(client, token, child)
    [membership] = [e for e in now["families"]["edges"] if e["toDate"] is None]
    assert (membership["role"], membership["node"]["status"]) == ("PARENT", "BELOW_THRESHOLD")
    history = await rows(
        db,
        "MATCH (:Person {id: $p})-[m:MEMBER_OF]->() RETURN m.role AS role, m.to IS NULL AS now "
        "ORDER BY now",
        p=child,
    )
    assert [(h["role"], h["now"]) for h in history] == [("CHILD", False), ("PARENT", True)]
    # The household whose list was not corrected is decided as before.
    untouched = (await _read(client, token, control))["families"]["edges"][0]
    assert (untouched["role"], untouched["node"]["status"]) == ("CHILD", "ELIGIBLE")


@pytest.mark.parametrize("decision", ["APPROVE", "REJECT"])
async def test_a_correction_beyond_a_typo_is_put_to_the_data_team_before_it_counts(
    client: httpx.AsyncClient, token: Token, db: Database, decision: str
) -> None:
    tag, nhs = uuid.uuid4().hex[:6], nhs_number()
    ref, key = f"R-{tag}", f"t-org-school|R-{tag}"
    listing = HEADER + _row(ref, "Amy", f"Hart{tag}", "2014-07-08", "F", "3 Weir Lane", nhs)
    await _upload(client, token, "t-org-school", listing)
    # Matched to a person as matchPartnerRecords would (the run itself is tested above).
    await db.write(repository.apply, [frozenset({key})], [], [], "test-model")
    amy = await person(db, key)
    # Another child under the same reference: another name, date of birth and sex.
    other = listing.replace("Amy", "Oliver").replace("2014-07-08", "2009-11-20")
    other = other.replace(",F,", ",M,")
    assert (await _upload(client, token, "t-org-school", other))["updated"] == 1
    [review] = await _corrections(client, token, key)
    assert review["status"] == "PENDING"
    assert review["changedFields"] == ["dateOfBirth", "givenName", "sex"]
    assert review["rightRecord"] == key
    assert review["leftPerson"]["id"] == review["rightPerson"]["id"] == global_id("Person", amy)
    # Until decided, the person is who they were; the record holds the correction.
    held = await _read(client, token, amy)
    assert (held["givenName"], held["dateOfBirth"], held["sex"]) == ("Amy", "2014-07-08", "F")
    [record] = await rows(
        db, "MATCH (s:SourceRecord {sourceKey: $k}) RETURN s.givenName AS given", k=key
    )
    assert record["given"] == "Oliver"

    payload = (await _call(client, token, DECIDE, id=review["id"], decision=decision))[
        "decideMatchReview"
    ]
    assert payload["errors"] == []
    assert payload["merge"] is None
    now = await person(db, key)
    oliver = ("Oliver", "2009-11-20", "M")
    if decision == "APPROVE":  # the same child, corrected: the correction counts
        assert now == amy
        fresh = await _read(client, token, amy)
        assert (fresh["givenName"], fresh["dateOfBirth"], fresh["sex"]) == oliver
    else:  # another child: the record leaves Amy for a person of its own
        assert now != amy
        fresh = await _read(client, token, now)
        assert (fresh["givenName"], fresh["dateOfBirth"], fresh["sex"]) == oliver
        kept = await _read(client, token, amy)
        assert (kept["givenName"], kept["dateOfBirth"]) == ("Amy", "2014-07-08")
        [decided_review] = await _corrections(client, token, key)
        assert decided_review["rightPerson"]["id"] == global_id("Person", amy)
    again = await _call(client, token, DECIDE, id=review["id"], decision=decision)
    assert again["decideMatchReview"]["errors"] == [{"code": "CONFLICT"}]


async def test_a_less_trusted_partners_correction_does_not_overrule_a_more_trusted_one(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    tag = uuid.uuid4().hex[:6]
    nhs = nhs_number()
    school = HEADER + _row(f"S-{tag}", "Ivy", f"Dunn{tag}", "2012-04-05", "F", "4 Weir Lane", nhs)
    police = HEADER + _row(f"V-{tag}", "Ivy", f"Dunn{tag}", "2012-04-05", "F", "4 Weir Lane", nhs)
    await _upload(client, token, "t-org-school", school)
    await _upload(client, token, "t-org-police", police)
    assert (await gql(client, _analyst(token), MATCH))["data"]["matchPartnerRecords"][
        "errors"
    ] == []
    ivy = await person(db, f"t-org-school|S-{tag}")
    assert await person(db, f"t-org-police|V-{tag}") == ivy
    # The police correct the day (a slip); the school, who saw a birth certificate, stand.
    fixed = police.replace("2012-04-05", "2012-04-06")
    assert (await _upload(client, token, "t-org-police", fixed))["updated"] == 1
    assert (await _read(client, token, ivy))["dateOfBirth"] == "2012-04-05"
    # The school's own correction counts.
    assert (await _upload(client, token, "t-org-school", school.replace("04-05", "04-06")))[
        "updated"
    ] == 1
    assert (await _read(client, token, ivy))["dateOfBirth"] == "2012-04-06"
