"""Deciding families' statuses under an eligibility framework over HTTP: each family records the
framework, its version and why; an expectant parent from a partner's list counts until the due
date; only the data team may run it; unknown frameworks are refused."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio

from api.inputs import today
from api.relay import global_id
from graph import Database
from tests.api.conftest import Token
from tests.api.partner_lists import nhs_number, upload_list

ASSESS = """
mutation($framework: String!, $version: String) {
  assessFamilies(framework: $framework, version: $version) {
    errors { code field message }
    run { framework frameworkVersion families byStatus { status families } }
  }
}
"""
READ = """
query($id: ID!) { family(id: $id) { status statusDecision {
  framework frameworkVersion reasons assessedAt } } }
"""


async def _run(db: Database, query: str, **params: Any) -> None:
    async with db.driver.session(database=db.name) as session:
        await (await session.run(query, params)).consume()


@pytest_asyncio.fixture(loop_scope="session", autouse=True)
async def statuses_restored(db: Database) -> AsyncIterator[None]:
    """Assessing decides every family in the shared test graph: put the fixtures' back after."""
    async with db.driver.session(database=db.name) as session:
        result = await session.run("MATCH (f:Family) RETURN f.id AS id, f.status AS status")
        before = [record.data() async for record in result]
    yield
    await _run(
        db,
        "UNWIND $rows AS row MATCH (f:Family {id: row.id}) SET f.status = row.status "
        "REMOVE f.statusFramework, f.statusFrameworkVersion, f.statusReasons, f.statusAssessedAt",
        rows=before,
    )


@pytest_asyncio.fixture(loop_scope="session")
async def families(db: Database) -> dict[str, str]:
    """Three families: a child with two 2015 problems, a child with one, an adult with two."""
    tag = uuid.uuid4().hex[:8]
    made = {}
    for name, birth, codes in (
        ("two", "2015-06-01", ["T_CR1", "T_SA1"]),
        ("one", "2015-06-01", ["T_CR1"]),
        ("adult", "1980-06-01", ["T_CR1", "T_SA1"]),
    ):
        family = f"t-assess-{name}-{tag}"
        await _run(
            db,
            "UNWIND ['T_CR1', 'T_SA1'] AS code MERGE (c:Criterion {code: code}) "
            "ON CREATE SET c.name = 'Test ' + code, c.headlineProblem = 'test', "
            "  c.framework = 'TF2015' "
            "WITH count(*) AS criteria "
            "CREATE (f:Family {id: $f, reference: 'A-' + $f, status: 'IDENTIFIED'}) "
            "CREATE (p:Person {id: $f + '-p', givenName: 'Ash', familyName: 'Assess', "
            "  nameKey: 'ash assess', dateOfBirth: date($birth)})"
            "-[:MEMBER_OF {role: 'CHILD', from: date('2025-01-01')}]->(f) "
            "WITH p UNWIND $codes AS code MATCH (c:Criterion {code: code}) "
            "CREATE (s:SourceRecord {id: randomUUID()})-[:ABOUT]->(p) "
            "CREATE (s)-[:REPORTS {evidenceDate: $evidence}]->(c)",
            f=family,
            birth=birth,
            codes=codes,
            evidence=today() - dt.timedelta(days=30),  # current: evidence ages
        )
        made[name] = family
    return made


async def _gql(
    client: httpx.AsyncClient, bearer: str, query: str, purpose: str, **variables: Any
) -> dict[str, Any]:
    response = await client.post(
        "/graphql",
        json={"query": query, "variables": variables},
        headers={"Authorization": f"Bearer {bearer}", "X-Purpose-Of-Use": purpose},
    )
    body: dict[str, Any] = response.json()
    return body


LOCAL_PLAN = {
    "id": "local-test",
    "version": "1.0",
    "name": "A council's local outcome plan (test)",
    "source": "tests/api/test_assess_families_http.py",
    "headline_term": "local need",
    "headlines": [
        {"code": "crime", "name": "Crime"},
        {"code": "school", "name": "School attendance"},
    ],
    "rule": {"min_headlines": 2, "requires_dependent_child_or_expectant_parent": True},
    "criteria": {
        "T_CR1": {"headline": "crime", "name": "A proven offence"},
        "T_SA1": {"headline": "school", "name": "Persistent absence"},
    },
}


async def test_a_local_plan_decides_each_family_and_records_why(
    client: httpx.AsyncClient,
    token: Token,
    families: dict[str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (tmp_path / "local.json").write_text(json.dumps(LOCAL_PLAN))
    monkeypatch.setenv("EHG_FRAMEWORKS_DIR", str(tmp_path))
    analyst = token("data_analyst", user_id="t-user-analyst", organisation_id="t-org-charity")
    body = await _gql(client, analyst, ASSESS, "identify-families", framework="local-test")
    run = body["data"]["assessFamilies"]["run"]
    assert (run["framework"], run["frameworkVersion"]) == ("local-test", "1.0")
    expected = {"two": "ELIGIBLE", "one": "BELOW_THRESHOLD", "adult": "BELOW_THRESHOLD"}
    for name, status in expected.items():
        read = await _gql(
            client, analyst, READ, "identify-families", id=global_id("Family", families[name])
        )
        family = read["data"]["family"]
        assert family["status"] == status, name
        decision = family["statusDecision"]
        assert (decision["framework"], decision["frameworkVersion"]) == ("local-test", "1.0")
        assert decision["reasons"]
        assert decision["assessedAt"]
    adult = await _gql(
        client, analyst, READ, "identify-families", id=global_id("Family", families["adult"])
    )
    assert any("child" in r for r in adult["data"]["family"]["statusDecision"]["reasons"])


async def test_the_national_framework_ignores_indicators_it_does_not_know(
    client: httpx.AsyncClient, token: Token, families: dict[str, str]
) -> None:
    analyst = token("data_analyst", user_id="t-user-analyst", organisation_id="t-org-charity")
    body = await _gql(client, analyst, ASSESS, "identify-families", framework="tf2015")
    assert body["data"]["assessFamilies"]["run"]["frameworkVersion"] == "2015.2"
    read = await _gql(
        client, analyst, READ, "identify-families", id=global_id("Family", families["two"])
    )
    family = read["data"]["family"]
    assert family["status"] == "IDENTIFIED"
    assert any("ignored" in r for r in family["statusDecision"]["reasons"])


async def test_an_unknown_framework_is_refused_naming_the_known_ones(
    client: httpx.AsyncClient, token: Token
) -> None:
    analyst = token("data_analyst", user_id="t-user-analyst", organisation_id="t-org-charity")
    body = await _gql(client, analyst, ASSESS, "identify-families", framework="tf1999")
    [error] = body["data"]["assessFamilies"]["errors"]
    assert (error["code"], error["field"]) == ("BAD_USER_INPUT", "framework")
    assert "tf2015 2015.2" in error["message"]
    assert "sf2022 2022.2" in error["message"]
    assert body["data"]["assessFamilies"]["run"] is None


async def test_only_the_data_team_assesses_and_only_for_identifying_families(
    client: httpx.AsyncClient, token: Token
) -> None:
    analyst = token("data_analyst", user_id="t-user-analyst", organisation_id="t-org-charity")
    for bearer, purpose in (
        (token("coordinator"), "identify-families"),
        (analyst, "identify-individuals"),
    ):
        body = await _gql(client, bearer, ASSESS, purpose, framework="tf2015")
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_the_decision_is_social_care_data(
    client: httpx.AsyncClient, token: Token, families: dict[str, str]
) -> None:
    analyst = token("data_analyst", user_id="t-user-analyst", organisation_id="t-org-charity")
    await _gql(client, analyst, ASSESS, "identify-families", framework="sf2022")
    smiths = global_id("Family", "t-fam-smith")
    # A partner system sees the Smiths (through its organisation's team member) but may not read
    # social care data: the decision is withheld with the status it explains.
    partner = token("partner_system")  # of t-org-charity, whose member is on the Smiths' team
    body = await _gql(client, partner, READ, "coordinate-support", id=smiths)
    assert body["data"]["family"] == {"status": None, "statusDecision": None}
    reasons = {tuple(r["path"]): r["reason"] for r in body["extensions"]["redactions"]}
    assert reasons[("family", "statusDecision")] == "NOT_PERMITTED"
    # The data team reads it for identifying families.
    allowed = await _gql(client, analyst, READ, "identify-families", id=smiths)
    assert allowed["data"]["family"]["statusDecision"]["framework"] == "sf2022"


MATCH = "mutation { matchPartnerRecords { errors { code } } }"
FORM = "mutation { formFamilies { errors { code } } }"
# Three of the 2022 headline needs (health, housing, financial stability) between two adults.
SF2022_CODES = ("SF-HLT-1", "SF-HSG-1", "SF-FIN-1")
DUE_HEADER = (
    "partner_reference,given_name,family_name,date_of_birth,address_line1,postcode,nhs_number,"
    "criteria,evidence_date,expected_due_date\n"
)


def _household(ref: str, name: str, street: str, due: dt.date | None) -> str:
    """Two adults at one address, one of them with ``due`` as her expected due date."""
    evidence = (today() - dt.timedelta(days=10)).isoformat()
    cell = due.isoformat() if due else ""
    return (
        f"{ref}-A,Rosa,{name},1994-03-02,{street},EX2 7QQ,{nhs_number()},SF-HLT-1,{evidence},"
        f"{cell}\n"
        f"{ref}-B,Tom,{name},1991-08-09,{street},EX2 7QQ,{nhs_number()},SF-HSG-1;SF-FIN-1,"
        f"{evidence},\n"
    )


async def _family_of(db: Database, key: str) -> str:
    async with db.driver.session(database=db.name) as session:
        record = await (
            await session.run(
                "MATCH (:SourceRecord {sourceKey: $key})-[:ABOUT]->(:Person)-[m:MEMBER_OF]->"
                "(f:Family) WHERE m.to IS NULL RETURN f.id AS id",
                key=key,
            )
        ).single()
    assert record is not None, key
    return str(record["id"])


async def _decision(client: httpx.AsyncClient, analyst: str, family: str) -> tuple[str, list[str]]:
    read = await _gql(client, analyst, READ, "identify-families", id=global_id("Family", family))
    found = read["data"]["family"]
    return found["status"], found["statusDecision"]["reasons"]


async def test_an_expectant_parent_counts_under_2022_until_the_due_date(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    await _run(
        db,
        # Whole criteria, as other tests read every criterion a person's records report.
        "UNWIND $codes AS code MERGE (c:Criterion {code: code}) ON CREATE SET "
        "c.name = 'Test ' + code, c.headlineProblem = 'test', c.framework = 'SF2022'",
        codes=SF2022_CODES,
    )
    tag = uuid.uuid4().hex[:6]
    soon, gone = today() + dt.timedelta(days=120), today() - dt.timedelta(days=1)
    households = {
        "expectant": _household(f"X-{tag}", f"Quill{tag}", f"{tag} Ash Row", soon),
        "none": _household(f"N-{tag}", f"Wren{tag}", f"{tag} Elm Row", None),
        "born": _household(f"P-{tag}", f"Yarrow{tag}", f"{tag} Oak Row", gone),
    }
    await upload_list(client, token, "t-org-police", DUE_HEADER + "".join(households.values()))
    analyst = token("data_analyst", user_id="t-user-analyst", organisation_id="t-org-charity")
    for mutation in (MATCH, FORM):
        body = await _gql(client, analyst, mutation, "identify-families")
        assert next(iter(body["data"].values()))["errors"] == []
    refs = {"expectant": f"X-{tag}", "none": f"N-{tag}", "born": f"P-{tag}"}
    family = {k: await _family_of(db, f"t-org-police|{r}-A") for k, r in refs.items()}
    assert family["expectant"] == await _family_of(db, f"t-org-police|X-{tag}-B")  # one family
    await _gql(client, analyst, ASSESS, "identify-families", framework="sf2022")

    status, reasons = await _decision(client, analyst, family["expectant"])
    assert status == "ELIGIBLE"
    assert reasons[:2] == [
        "3 of 10 headline needs met (financial_stability, health, housing); at least 3 needed",
        "an expectant parent",
    ]
    no_dependant = "no dependent child (under 18) and no expectant parent; the framework needs one"
    for name in ("none", "born"):  # no due date, or one that has passed
        status, reasons = await _decision(client, analyst, family[name])
        assert (status, reasons[1]) == ("BELOW_THRESHOLD", no_dependant), name

    # The partner corrects the row, leaving the due date out: only the current record counts.
    corrected = households["expectant"].replace(f",{soon.isoformat()}\n", ",\n")
    await upload_list(client, token, "t-org-police", DUE_HEADER + corrected)
    await _gql(client, analyst, ASSESS, "identify-families", framework="sf2022")
    status, reasons = await _decision(client, analyst, family["expectant"])
    assert (status, reasons[1]) == ("BELOW_THRESHOLD", no_dependant)
