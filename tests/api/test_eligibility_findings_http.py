"""Eligibility over HTTP, finding by finding: each framework's indicators are accepted at intake
(the frameworks are the catalogue); evidence ages; tf2015 asks for a dependent child; every run is
kept as each family's status history, read under the access rules; a dry run reports what would
change and writes nothing; and a refused run writes nothing either."""

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
from graph import Database, catalogue
from services import eligibility
from tests.api.conftest import Token

ASSESS = """
mutation($framework: String!, $version: String, $dryRun: Boolean! = false) {
  assessFamilies(framework: $framework, version: $version, dryRun: $dryRun) {
    errors { code field message }
    run { id framework frameworkVersion dryRun assessedAt families
          byStatus { status families } changes { fromStatus toStatus families } }
  }
}
"""
HISTORY = """
query($id: ID!) { family(id: $id) { status statusHistory { totalCount edges { node {
  runId framework frameworkVersion asAt assessedAt assessedBy status previousStatus reasons
  headlinesMet evidence { code evidenceDate } } } } } }
"""
UPLOAD = """
mutation($file: Upload!) { uploadPartnerList(file: $file) {
  errors { code } upload { accepted rejected rejections { edges { node { field code message } } } }
} }
"""
HEADER = (
    "partner_reference,given_name,family_name,date_of_birth,address_line1,postcode,criteria,"
    "evidence_date\n"
)
OUTSIDER_ORG = "t-org-police"
ANALYST = {"user_id": "t-user-analyst", "organisation_id": "t-org-charity"}


async def _run(db: Database, query: str, **params: Any) -> list[dict[str, Any]]:
    async with db.driver.session(database=db.name) as session:
        result = await session.run(query, params)
        return [record.data() async for record in result]


async def _count(db: Database, query: str, **params: Any) -> int:
    [row] = await _run(db, query, **params)
    return int(next(iter(row.values())))


@pytest_asyncio.fixture(loop_scope="session", autouse=True)
async def statuses_restored(db: Database) -> AsyncIterator[None]:
    """Assessing decides every family in the shared test graph: put the fixtures' back after."""
    before = await _run(db, "MATCH (f:Family) RETURN f.id AS id, f.status AS status")
    yield
    await _run(
        db,
        "UNWIND $rows AS row MATCH (f:Family {id: row.id}) SET f.status = row.status "
        "REMOVE f.statusFramework, f.statusFrameworkVersion, f.statusReasons, f.statusAssessedAt",
        rows=before,
    )


async def _family(
    db: Database, name: str, births: list[str], reports: list[tuple[int, str, dt.date]]
) -> str:
    """A family of people born on ``births``, with ``reports`` (member, code, evidence date)."""
    family = f"t-elig-{name}-{uuid.uuid4().hex[:8]}"
    await db.write(catalogue.record_criteria, eligibility.catalogue())  # as intake writes them
    await _run(
        db,
        "CREATE (f:Family {id: $f, reference: 'E-' + $f, status: 'IDENTIFIED'}) "
        "WITH f UNWIND range(0, size($births) - 1) AS n "
        "CREATE (p:Person {id: $f + '-' + n, givenName: 'Eli', familyName: 'Gible', "
        "  nameKey: 'eli gible', dateOfBirth: date($births[n])})"
        "-[:MEMBER_OF {role: 'MEMBER', from: date('2020-01-01')}]->(f) "
        "WITH p, n UNWIND [r IN $reports WHERE r.member = n] AS r "
        "MATCH (c:Criterion {code: r.code}) "
        "CREATE (s:SourceRecord {id: randomUUID()})-[:ABOUT]->(p) "
        "CREATE (s)-[:REPORTS {evidenceDate: r.evidence}]->(c)",
        f=family,
        births=births,
        reports=[{"member": m, "code": c, "evidence": e} for m, c, e in reports],
    )
    return family


async def _gql(
    client: httpx.AsyncClient, bearer: str, query: str, purpose: str, **variables: Any
) -> dict[str, Any]:
    response = await client.post(
        "/graphql",
        json={"query": query, "variables": variables},
        headers={"Authorization": f"Bearer {bearer}", "X-Purpose-Of-Use": purpose},
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def _assess(client: httpx.AsyncClient, token: Token, **variables: Any) -> dict[str, Any]:
    analyst = token("data_analyst", **ANALYST)
    body = await _gql(client, analyst, ASSESS, "identify-families", **variables)
    payload: dict[str, Any] = body["data"]["assessFamilies"]
    return payload


async def _history(client: httpx.AsyncClient, token: Token, family: str) -> dict[str, Any]:
    analyst = token("data_analyst", **ANALYST)
    body = await _gql(client, analyst, HISTORY, "identify-families", id=global_id("Family", family))
    found: dict[str, Any] = body["data"]["family"]
    return found


RECENT = today() - dt.timedelta(days=30)
OLD = today() - dt.timedelta(days=400)  # more than the 12 months evidence counts
ADULT, CHILD = "1985-03-04", (today() - dt.timedelta(days=9 * 365)).isoformat()


# -- the frameworks are the catalogue -----------------------------------------------------------


async def _upload(client: httpx.AsyncClient, token: Token, text: str) -> dict[str, Any]:
    partner = token(
        "partner_system", user_id="t-system-t-org-police", organisation_id="t-org-police"
    )
    operations = {"query": UPLOAD, "variables": {"file": None}}
    response = await client.post(
        "/graphql",
        headers={"Authorization": f"Bearer {partner}", "X-Purpose-Of-Use": "identify-individuals"},
        data={"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.file"]})},
        files={"0": ("list.csv", text.encode(), "text/csv")},
    )
    assert response.status_code == 200, response.text
    payload: dict[str, Any] = response.json()["data"]["uploadPartnerList"]
    return payload


LOCAL_PLAN = {
    "id": "local-findings",
    "version": "1.0",
    "name": "A council's local outcome plan (findings test)",
    "source": "tests/api/test_eligibility_findings_http.py",
    "headline_term": "local need",
    "headlines": [{"code": "housing", "name": "Secure housing"}],
    "rule": {"min_headlines": 1, "requires_dependent_child_or_expectant_parent": True},
    "evidence_months": 3,
    "criteria": {"LOCAL-HSG-9": {"headline": "housing", "name": "Sofa surfing (local)"}},
}


async def test_every_frameworks_indicators_are_accepted_at_intake(
    client: httpx.AsyncClient,
    token: Token,
    db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (tmp_path / "local.json").write_text(json.dumps(LOCAL_PLAN))
    monkeypatch.setenv("EHG_FRAMEWORKS_DIR", str(tmp_path))
    tag = uuid.uuid4().hex[:6]
    rows = [
        f"A-{tag},Ada,Quay{tag},{ADULT},1 Quay Row,EX2 7QQ,SF-HLT-1;SF-FIN-2,{RECENT}",  # 2022
        f"B-{tag},Bo,Quay{tag},{CHILD},1 Quay Row,EX2 7QQ,SA1,{RECENT}",  # 2015
        f"C-{tag},Cy,Quay{tag},{ADULT},1 Quay Row,EX2 7QQ,LOCAL-HSG-9,{RECENT}",  # the council's
        f"D-{tag},Di,Quay{tag},{ADULT},1 Quay Row,EX2 7QQ,XX-NOT-1,{RECENT}",  # in no framework
    ]
    payload = await _upload(client, token, HEADER + "\n".join(rows) + "\n")
    assert payload["errors"] == []
    assert (payload["upload"]["accepted"], payload["upload"]["rejected"]) == (3, 1)
    [rejection] = [e["node"] for e in payload["upload"]["rejections"]["edges"]]
    assert (rejection["field"], rejection["code"]) == ("criteria", "UNKNOWN_CRITERION")
    reported = await _run(
        db,
        "MATCH (s:SourceRecord)-[:REPORTS]->(c:Criterion) WHERE s.partnerReference ENDS WITH $tag "
        "RETURN c.code AS code, c.name AS name, c.framework AS framework ORDER BY code",
        tag=tag,
    )
    by_code = {r["code"]: r for r in reported}
    assert set(by_code) == {"SF-HLT-1", "SF-FIN-2", "SA1", "LOCAL-HSG-9"}
    # The node is worded as the framework words it.
    assert (by_code["LOCAL-HSG-9"]["name"], by_code["LOCAL-HSG-9"]["framework"]) == (
        "Sofa surfing (local)",
        "local-findings",
    )
    assert by_code["SF-HLT-1"]["framework"] == "sf2022"
    # Nothing was recorded of the code no framework knows.
    assert await _count(db, "MATCH (c:Criterion {code: 'XX-NOT-1'}) RETURN count(c)") == 0


async def test_an_sf2022_run_makes_a_family_with_2022_evidence_eligible(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    family = await _family(
        db,
        "sf2022",
        [ADULT, CHILD],
        [(0, "SF-HLT-1", RECENT), (0, "SF-FIN-1", RECENT), (1, "SF-EDU-1", RECENT)],
    )
    run = (await _assess(client, token, framework="sf2022"))["run"]
    assert (run["framework"], run["frameworkVersion"]) == ("sf2022", "2022.2")
    assert (await _history(client, token, family))["status"] == "ELIGIBLE"


# -- evidence ages; tf2015 asks for a dependent child -------------------------------------------


async def test_a_family_is_not_eligible_on_evidence_older_than_it_counts(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    old = await _family(db, "old", [ADULT, CHILD], [(0, "CR2", OLD), (1, "SA1", OLD)])
    fresh = await _family(db, "fresh", [ADULT, CHILD], [(0, "CR2", RECENT), (1, "SA1", RECENT)])
    # An old report and a fresh one of the same code: the fresh one counts.
    mixed = await _family(
        db, "mixed", [ADULT, CHILD], [(0, "CR2", OLD), (0, "CR2", RECENT), (1, "SA1", RECENT)]
    )
    await _assess(client, token, framework="tf2015")
    aged = await _history(client, token, old)
    assert aged["status"] == "BELOW_THRESHOLD"
    latest = aged["statusHistory"]["edges"][0]["node"]
    assert latest["reasons"][0] == "no headline problem met on current evidence"
    assert latest["reasons"][-1] == (
        f"evidence not current, so not counted: CR2 (evidence of {OLD}; counts for 12 months), "
        f"SA1 (evidence of {OLD}; counts for 12 months)"
    )
    assert latest["evidence"] == []
    for current in (fresh, mixed):
        found = await _history(client, token, current)
        assert found["status"] == "ELIGIBLE"
        assert found["statusHistory"]["edges"][0]["node"]["evidence"] == [
            {"code": "CR2", "evidenceDate": RECENT.isoformat()},
            {"code": "SA1", "evidenceDate": RECENT.isoformat()},
        ]


async def test_tf2015_does_not_make_an_adult_only_household_eligible(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    adults = await _family(
        db, "adults", [ADULT, "1987-05-06"], [(0, "WK1", RECENT), (1, "HE1", RECENT)]
    )
    with_child = await _family(
        db, "child", [ADULT, CHILD], [(0, "WK1", RECENT), (0, "HE1", RECENT)]
    )
    await _assess(client, token, framework="tf2015")
    found = await _history(client, token, adults)
    assert found["status"] == "BELOW_THRESHOLD"
    assert found["statusHistory"]["edges"][0]["node"]["reasons"][1] == (
        "no dependent child (under 18) and no expectant parent; the framework needs one"
    )
    assert (await _history(client, token, with_child))["status"] == "ELIGIBLE"


# -- every run kept, read under the access rules -------------------------------------------------


async def test_each_run_is_kept_with_who_when_the_version_and_the_evidence(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    family = await _family(db, "history", [ADULT, CHILD], [(0, "CR2", RECENT), (1, "SA1", RECENT)])
    first = (await _assess(client, token, framework="tf2015"))["run"]
    second = (await _assess(client, token, framework="sf2022"))["run"]
    found = await _history(client, token, family)
    history = [e["node"] for e in found["statusHistory"]["edges"]]
    assert found["statusHistory"]["totalCount"] == len(history) == 2
    newest, oldest = history
    assert (newest["runId"], oldest["runId"]) == (second["id"], first["id"])
    assert (oldest["framework"], oldest["frameworkVersion"]) == ("tf2015", "2015.2")
    assert (oldest["status"], oldest["previousStatus"]) == ("ELIGIBLE", "IDENTIFIED")
    assert oldest["headlinesMet"] == ["crime_asb", "school_attendance"]
    assert oldest["evidence"] == [
        {"code": "CR2", "evidenceDate": RECENT.isoformat()},
        {"code": "SA1", "evidenceDate": RECENT.isoformat()},
    ]
    assert oldest["assessedBy"] == global_id("User", "t-user-analyst")
    assert oldest["asAt"] == today().isoformat()
    assert oldest["assessedAt"] == first["assessedAt"]
    # The 2022 run ignores the 2015 codes: the family is identified, and the history says why.
    assert (newest["framework"], newest["status"], newest["previousStatus"]) == (
        "sf2022",
        "IDENTIFIED",
        "ELIGIBLE",
    )
    assert newest["evidence"] == []
    assert newest["reasons"][-1] == "indicators not in this framework were ignored: CR2, SA1"
    runs = await _run(
        db,
        "MATCH (r:AssessmentRun) WHERE r.startedAt >= datetime($at) "
        "RETURN r.framework AS framework, r.by AS by, r.byOrganisation AS org, r.families AS n "
        "ORDER BY r.startedAt",
        at=first["assessedAt"],
    )
    assert [(r["framework"], r["by"], r["org"]) for r in runs] == [
        ("tf2015", "t-user-analyst", "t-org-charity"),
        ("sf2022", "t-user-analyst", "t-org-charity"),
    ]
    assert [r["n"] for r in runs] == [first["families"], second["families"]]


async def test_the_history_is_read_under_the_access_rules(
    client: httpx.AsyncClient, token: Token
) -> None:
    await _assess(client, token, framework="tf2015")
    smiths = global_id("Family", "t-fam-smith")
    # The data team reads it for identifying families.
    allowed = await _gql(
        client, token("data_analyst", **ANALYST), HISTORY, "identify-families", id=smiths
    )
    history = allowed["data"]["family"]["statusHistory"]
    assert history["totalCount"] >= 1
    assert history["edges"][0]["node"]["framework"] == "tf2015"
    # A partner system sees the Smiths (through its organisation's team member) but may not read
    # social care data: the history is withheld with the status it explains.
    partner = token("partner_system")
    denied = await _gql(client, partner, HISTORY, "coordinate-support", id=smiths)
    assert denied["data"]["family"] == {"status": None, "statusHistory": None}
    reasons = {tuple(r["path"]): r["reason"] for r in denied["extensions"]["redactions"]}
    assert reasons[("family", "statusHistory")] == "NOT_PERMITTED"
    # A practitioner not on the family's team does not see the family at all.
    outsider = token("practitioner", user_id="t-user-outsider", organisation_id=OUTSIDER_ORG)
    unseen = await _gql(client, outsider, HISTORY, "assess-needs", id=smiths)
    assert unseen["data"]["family"] is None


# -- a dry run, and refused runs, write nothing --------------------------------------------------


async def _state(db: Database) -> tuple[int, int, list[dict[str, Any]]]:
    runs = await _count(db, "MATCH (r:AssessmentRun) RETURN count(r)")
    decisions = await _count(db, "MATCH (a:FamilyAssessment) RETURN count(a)")
    families = await _run(
        db,
        "MATCH (f:Family) RETURN f.id AS id, f.status AS status, f.statusFramework AS framework, "
        "f.statusAssessedAt AS at ORDER BY id",
    )
    return runs, decisions, families


async def test_a_dry_run_reports_what_would_change_and_writes_nothing(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    await _family(db, "dry", [ADULT, CHILD], [(0, "CR2", RECENT), (1, "SA1", RECENT)])
    before = await _state(db)
    payload = await _assess(client, token, framework="tf2015", dryRun=True)
    assert payload["errors"] == []
    run = payload["run"]
    assert (run["id"], run["dryRun"], run["frameworkVersion"]) == (None, True, "2015.2")
    changes = {(c["fromStatus"], c["toStatus"]): c["families"] for c in run["changes"]}
    assert changes[("IDENTIFIED", "ELIGIBLE")] >= 1
    assert await _state(db) == before
    # The real run then makes exactly the changes the dry run reported.
    real = (await _assess(client, token, framework="tf2015"))["run"]
    assert (real["dryRun"], real["changes"], real["byStatus"]) == (
        False,
        run["changes"],
        run["byStatus"],
    )
    assert (await _state(db))[0] == before[0] + 1


async def test_refused_runs_write_nothing(
    client: httpx.AsyncClient,
    token: Token,
    db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = await _state(db)
    for variables, fragment in (
        ({"framework": "tf1999"}, "No framework tf1999; known: sf2022 2022.2, tf2015 2015.2."),
        ({"framework": "tf2015", "version": "2015.1"}, "No framework tf2015 2015.1;"),
        ({"framework": "tf2015", "version": "9", "dryRun": True}, "No framework tf2015 9;"),
    ):
        payload = await _assess(client, token, **variables)
        [error] = payload["errors"]
        assert (error["code"], error["field"], payload["run"]) == (
            "BAD_USER_INPUT",
            "framework",
            None,
        )
        assert error["message"].startswith(fragment), error["message"]
    # A council's framework file that is wrong refuses every run, naming the problem.
    bad = dict(LOCAL_PLAN, evidence_months=0)
    (tmp_path / "local.json").write_text(json.dumps(bad))
    monkeypatch.setenv("EHG_FRAMEWORKS_DIR", str(tmp_path))
    payload = await _assess(client, token, framework="tf2015")
    [error] = payload["errors"]
    assert error["code"] == "BAD_USER_INPUT"
    assert "evidence_months is 0; it must be from 1 to 120 months" in error["message"]
    # Others may not run it, dry or not.
    for dry in (False, True):
        body = await _gql(
            client,
            token("coordinator"),
            ASSESS,
            "identify-families",
            framework="tf2015",
            dryRun=dry,
        )
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await _state(db) == before
