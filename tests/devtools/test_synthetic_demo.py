"""The synthetic dataset: reproducible, internally consistent, and loadable idempotently."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any, LiteralString

import pytest
from neo4j import AsyncManagedTransaction

from devtools.synthetic.__main__ import parse_args
from devtools.synthetic.demo import DEMO_USERS, Dataset, LoadReport, generate, load
from devtools.synthetic.demo.generate import AS_AT
from devtools.synthetic.reference import CRITERIA, PROBLEMS_BY_SECTOR
from domain import consent as rule
from domain.eligibility import FamilyFacts, Member, assess, builtin_frameworks
from graph._cypher import fetch
from graph.database import Database
from vocabulary import Sector

# Copied from section 1.2 of the working practice agreement, independently of the catalogue.
AGREEMENT_PARTNERS = """
Action for Children|Addaction|Babcock Learning and Development Partnership (LDP)|Barnardo's
Bideford Learning Community|CAFCASS (Children & Family Court Advisory & Support Service)
Careers South West Ltd|Children's Society|Citizens' Advice|Community Action South West
Community Housing Aid|Community Links SW|Core Assets Children's Services|Cornwall County Council
DAPH (Devon Association of Primary Heads)|DASH (Devon Association of Secondary Heads)
DCH (Devon & Cornwall Housing)|Devon and Cornwall Police|Devon and Somerset Fire Service
Devon County Council|Devon District and Borough Councils|Devon Domestic Abuse Services (Splitz)
Devon Partnership NHS Trust|Dorset, Devon and Cornwall Community Rehabilitation Company
EDP Drug and Alcohol Services|Encompass South West|Exeter City Council
Exeter Community Initiatives|Freedom Social Projects|Home Start Exeter and East Devon|Involve
Job Centre Plus|National Probation Service
National Society for the Prevention of Cruelty to Children
NHS Northern, Eastern & Western Devon CCG|NHS South Devon & Torbay CCG
North Devon Against Domestic Abuse (NDADA)|North Devon Homes|Northern Devon Healthcare NHS Trust
On track education services|One Ilfracombe|Plymouth City Council|RD & E NHS Foundation Trust|RISE
SHAD (Devon Association of Special Head Teachers)|South Devon Healthcare NHS Foundation Trust
South West Family Support|Sovereign Housing|St Loyes Foundation|Stop Abuse For Everyone (SAFE)
Teign Housing|Torbay Council|Transform|TTVS|Virgin Care Ltd|Voluntary Youth Services Devon
Westbank|Westward Housing Group|Wings South West|Yard 1 Studios|Young Devon
"""
SECTORS = {sector.value for sector in Sector}
PROBLEM_OF = {c.code: c.headline_problem for c in CRITERIA}


@pytest.fixture(scope="module")
def data() -> Dataset:
    return generate(3000, seed=11)


def _by_id(rows: list[dict[str, Any]], key: str = "id") -> dict[str, dict[str, Any]]:
    return {row[key]: row for row in rows}


def _current_address(data: Dataset) -> dict[str, str]:
    return {r["personId"]: r["addressId"] for r in data.lives_at if r["to"] is None}


def test_same_seed_gives_the_same_dataset_and_another_seed_a_different_one() -> None:
    first, again, other = generate(400, seed=3), generate(400, seed=3), generate(400, seed=4)
    assert first == again
    assert first != other
    assert not {p["id"] for p in first.people} & {p["id"] for p in other.people}
    assert not {f["reference"] for f in first.families} & {f["reference"] for f in other.families}


def test_a_bigger_dataset_keeps_the_families_of_a_smaller_one() -> None:
    small, big = generate(200, seed=5), generate(500, seed=5)
    # Only the last family of the smaller one may have been cut to fit.
    assert small.families[:-1] == big.families[: len(small.families) - 1]
    assert small.families[0]["reference"] == "F-4000001"


def test_arguments_are_checked() -> None:
    with pytest.raises(ValueError, match="people"):
        generate(0)
    with pytest.raises(ValueError, match="seed"):
        generate(10, seed=0)
    assert len(generate(1).people) == 1
    assert generate(10).families[0]["reference"] == "F-000001"


def test_exactly_the_requested_people_with_unique_ids(data: Dataset) -> None:
    assert len(data.people) == 3000
    for kind in ("people", "addresses", "families", "users", "organisations", "source_records"):
        rows = data.rows(kind)
        assert len(_by_id(rows)) == len(rows), kind
    assert len({f["reference"] for f in data.families}) == len(data.families)
    assert len({r["id"] for r in data.related_to}) == len(data.related_to)
    assert len({u["email"] for u in data.users}) == len(data.users)


def test_people_and_their_addresses(data: Dataset) -> None:
    current = Counter(r["personId"] for r in data.lives_at if r["to"] is None)
    assert set(current) == {p["id"] for p in data.people}
    assert set(current.values()) == {1}
    people = _by_id(data.people)
    assert any(r["to"] is not None for r in data.lives_at), "someone has moved house"
    for r in data.lives_at:
        assert r["from"] >= people[r["personId"]]["dateOfBirth"]
        assert r["to"] is None or r["from"] < r["to"]
    for person in data.people:
        assert person["nameKey"] == f"{person['givenName']} {person['familyName']}".lower()
        assert person["sex"] in {"F", "M", "X"}
        assert isinstance(person["dateOfBirth"], dt.date)
    for address in data.addresses:
        assert address["postcode"].split(" ")[0] == address["postcodeDistrict"]
        assert address["postcodeDistrict"][:2] in {"EX", "TQ", "PL"}


def test_families_and_memberships(data: Dataset) -> None:
    members = Counter(m["familyId"] for m in data.member_of)
    assert set(members) == {f["id"] for f in data.families}
    assert Counter(m["personId"] for m in data.member_of) == Counter(p["id"] for p in data.people)
    roles = {m["role"] for m in data.member_of}
    assert roles == {"PARENT", "CHILD", "STEP_PARENT", "STEP_CHILD", "RELATIVE", "CARER"}
    assert all(m["to"] is None and isinstance(m["from"], dt.date) for m in data.member_of)


def test_relationships_are_stored_once_with_their_provenance(data: Dataset) -> None:
    pairs = [frozenset((r["fromId"], r["toId"])) for r in data.related_to]
    assert len(set(pairs)) == len(pairs), "one relationship per pair, in one direction"
    current = _current_address(data)
    practitioners = {
        u["id"] for u in data.users if {"practitioner", "lead_practitioner"} & set(u["roles"])
    }
    sources = Counter(r["source"] for r in data.related_to)
    assert sources["HOUSEHOLD"]
    assert sources["PRACTITIONER"]
    for r in data.related_to:
        assert r["createdAt"].tzinfo is not None
        assert r["createdAt"].date() <= AS_AT
        assert r["revokedAt"] is None
        if r["source"] == "PRACTITIONER":
            assert current[r["fromId"]] != current[r["toId"]]
            assert r["createdBy"] in practitioners
            assert r["rationale"]
        else:
            assert r["createdBy"] is None
            assert r["rationale"] is None
    kinds = Counter(r["kind"] for r in data.related_to)
    for kind in (
        "PARENT",
        "SIBLING",
        "PARTNER",
        "CARER",
        "GRANDPARENT",
        "STEP_PARENT",
        "STEP_SIBLING",
    ):
        assert kinds[kind], kind


def test_statuses_are_the_frameworks_decisions_over_the_demos_criteria(data: Dataset) -> None:
    # Not drawn at random: tf2015 decides each family from its members and the criteria reported
    # about them, as assessFamilies would on the demo's date; only closing a case is the demo's.
    person_of = {r["sourceRecordId"]: r["personId"] for r in data.about}
    family_of = {m["personId"]: m["familyId"] for m in data.member_of}
    born = {p["id"]: p["dateOfBirth"] for p in data.people}
    members: defaultdict[str, list[Member]] = defaultdict(list)
    for m in data.member_of:
        members[m["familyId"]].append(Member(born[m["personId"]]))
    reported: defaultdict[str, dict[str, dt.date | None]] = defaultdict(dict)
    for r in data.reports:
        codes = reported[family_of[person_of[r["sourceRecordId"]]]]
        codes[r["criterionCode"]] = max(
            r["evidenceDate"], codes.get(r["criterionCode"]) or r["evidenceDate"]
        )
    tf2015 = next(f for f in builtin_frameworks() if f.id == "tf2015")
    for family in data.families:
        closed = family["status"] == "CLOSED"
        facts = FamilyFacts(tuple(members[family["id"]]), reported[family["id"]], closed=closed)
        decision = assess(tf2015, facts, AS_AT)
        assert family["status"] == decision.status.value, family
        assert family["statusReasons"] == list(decision.reasons)
        assert (family["statusFramework"], family["statusFrameworkVersion"]) == (
            "tf2015",
            tf2015.version,
        )
        if closed:  # only an eligible family's case is closed
            open_ = assess(tf2015, FamilyFacts(facts.members, facts.indicators), AS_AT)
            assert open_.status.value == "ELIGIBLE"
    statuses = Counter(f["status"] for f in data.families)
    assert 0 < statuses["CLOSED"] < statuses["ELIGIBLE"] / 4
    assert statuses["BELOW_THRESHOLD"] > 0
    assert statuses["IDENTIFIED"] > 0
    in_meeting = sum(1 for m in data.member_of if reported[m["familyId"]])
    assert 0.5 < in_meeting / len(data.people) < 0.7


def test_an_eligible_demo_family_meets_two_problems_on_current_evidence(data: Dataset) -> None:
    # The finding: an ELIGIBLE family whose members met one headline problem.
    for family in data.families:
        if family["status"] == "ELIGIBLE":
            assert family["statusReasons"][0].startswith(("2 of 6", "3 of 6", "4 of 6", "5 of 6"))


def test_criteria_come_from_fitting_partners_with_dated_evidence(data: Dataset) -> None:
    sector = {o["id"]: o["sector"] for o in data.organisations}
    supplier = {r["sourceRecordId"]: r["organisationId"] for r in data.supplied_by}
    person_of = {r["sourceRecordId"]: r["personId"] for r in data.about}
    records, people = _by_id(data.source_records), _by_id(data.people)
    assert len(supplier) == len(person_of) == len(data.reports) == len(records)
    for r in data.reports:
        record_id = r["sourceRecordId"]
        problem = PROBLEM_OF[r["criterionCode"]]
        assert problem in PROBLEMS_BY_SECTOR[sector[supplier[record_id]]]
        received = records[record_id]["receivedAt"]
        assert received.tzinfo is not None
        born = people[person_of[record_id]]["dateOfBirth"]
        assert born <= r["evidenceDate"] <= received.date() < AS_AT


def test_every_partner_of_the_agreement_with_a_sector(data: Dataset) -> None:
    expected = {n for line in AGREEMENT_PARTNERS.strip().splitlines() for n in line.split("|")}
    assert {o["name"] for o in data.organisations} == expected
    assert all(o["sector"] in SECTORS and o["signedAgreement"] for o in data.organisations)
    assert "org-devon-county-council" in {o["id"] for o in data.organisations}
    # The catalogue is the frameworks': every indicator of each, the 2015 ones as tf2015's.
    catalogue = {c["code"]: c for c in data.criteria}
    assert set(catalogue) == {i.code for f in builtin_frameworks() for i in f.indicators}
    for code, headline in PROBLEM_OF.items():
        assert (catalogue[code]["headlineProblem"], catalogue[code]["framework"]) == (
            headline,
            "tf2015",
        )
    reported = {r["criterionCode"] for r in data.reports}
    assert reported <= set(PROBLEM_OF)


def test_demo_users_one_per_role(data: Dataset) -> None:
    expected = {
        "data_analyst": "user-demo-analyst",
        "coordinator": "user-demo-coordinator",
        "lead_practitioner": "user-demo-lead",
        "practitioner": "user-demo-practitioner",
        "partner_system": "user-demo-police-system",
        "ig_officer": "user-demo-ig",
        "caldicott_guardian": "user-demo-caldicott",
        "administrator": "user-demo-admin",
        "national_evaluator": "user-demo-evaluator",
    }
    assert {u.role: u.id for u in DEMO_USERS} == expected
    users = _by_id(data.users)
    employer = {r["userId"]: r["organisationId"] for r in data.works_for}
    assert set(employer) == set(users)
    for demo in DEMO_USERS:
        assert users[demo.id]["roles"] == [demo.role]
        assert users[demo.id]["active"] is True
        assert employer[demo.id] == demo.organisation_id
    assert employer["user-demo-police-system"] == "org-devon-and-cornwall-police"
    assert len(users) > len(DEMO_USERS)


def test_the_command_line_rejects_fewer_than_one_person(capsys: pytest.CaptureFixture[str]) -> None:
    assert parse_args(["--people", "5", "--seed", "2"]).people == 5
    for bad in ("0", "-3", "many"):
        with pytest.raises(SystemExit):
            parse_args(["--people", bad])
        assert "argument --people" in capsys.readouterr().err


_NODES: dict[str, LiteralString] = {
    "people": "MATCH (n:Person) WHERE n.id IN $keys RETURN count(n) AS n",
    "addresses": "MATCH (n:Address) WHERE n.id IN $keys RETURN count(n) AS n",
    "families": "MATCH (n:Family) WHERE n.id IN $keys RETURN count(n) AS n",
    "organisations": "MATCH (n:Organisation) WHERE n.id IN $keys RETURN count(n) AS n",
    "users": "MATCH (n:User) WHERE n.id IN $keys RETURN count(n) AS n",
    "criteria": "MATCH (n:Criterion) WHERE n.code IN $keys RETURN count(n) AS n",
    "source_records": "MATCH (n:SourceRecord) WHERE n.id IN $keys RETURN count(n) AS n",
    "related_to": "MATCH ()-[r:RELATED_TO]->() WHERE r.id IN $keys RETURN count(r) AS n",
    "consents": "MATCH (n:Consent)-[:CONCERNS]->(:Person) WHERE n.id IN $keys RETURN count(n) AS n",
}
_RELATIONSHIPS: dict[str, LiteralString] = {
    "lives_at": """
        UNWIND $rows AS row
        MATCH (:Person {id: row.personId})-[r:LIVES_AT]->(:Address {id: row.addressId})
        RETURN count(r) AS n""",
    "member_of": """
        UNWIND $rows AS row
        MATCH (:Person {id: row.personId})-[r:MEMBER_OF]->(:Family {id: row.familyId})
        RETURN count(r) AS n""",
    "teams": """
        UNWIND $rows AS row
        MATCH (:User {id: row.userId})-[r:MEMBER_OF_TEAM]->(:Family {id: row.familyId})
        RETURN count(r) AS n""",
    "works_for": """
        UNWIND $rows AS row
        MATCH (:User {id: row.userId})-[r:WORKS_FOR]->(:Organisation {id: row.organisationId})
        RETURN count(r) AS n""",
    "supplied_by": """
        UNWIND $rows AS row
        MATCH (:SourceRecord {id: row.sourceRecordId})-[r:SUPPLIED_BY]->
              (:Organisation {id: row.organisationId})
        RETURN count(r) AS n""",
    "about": """
        UNWIND $rows AS row
        MATCH (:SourceRecord {id: row.sourceRecordId})-[r:ABOUT]->(:Person {id: row.personId})
        RETURN count(r) AS n""",
    "reports": """
        UNWIND $rows AS row
        MATCH (:SourceRecord {id: row.sourceRecordId})-[r:REPORTS]->
              (:Criterion {code: row.criterionCode})
        RETURN count(r) AS n""",
}
_TOTALS: LiteralString = """
CALL { MATCH (n) RETURN count(n) AS nodes }
CALL { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN nodes, relationships
"""
_SAMPLE: LiteralString = """
MATCH (p:Person {id: $id})-[l:LIVES_AT]->(:Address)
RETURN p.dateOfBirth AS born, l.from AS since
"""


async def _stored_counts(tx: AsyncManagedTransaction, data: Dataset) -> dict[str, int]:
    counts = {}
    for kind, query in _NODES.items():
        key = "code" if kind == "criteria" else "id"
        records = await fetch(tx, query, keys=[row[key] for row in data.rows(kind)])
        counts[kind] = records[0]["n"]
    for kind, query in _RELATIONSHIPS.items():
        counts[kind] = (await fetch(tx, query, rows=data.rows(kind)))[0]["n"]
    return counts


async def _first(tx: AsyncManagedTransaction, query: LiteralString, id_: str) -> list[Any]:
    return list(await fetch(tx, query, id=id_))


async def _totals(tx: AsyncManagedTransaction) -> tuple[int, int]:
    record = (await fetch(tx, _TOTALS))[0]
    return record["nodes"], record["relationships"]


async def test_load_writes_the_dataset_and_a_second_load_changes_nothing(db: Database) -> None:
    data = generate(300, seed=4242)
    report = await load(db, data, batch_size=100)
    assert isinstance(report, LoadReport)
    assert report.counts == data.counts()
    assert report.seconds > 0
    assert await db.read(_stored_counts, data) == data.counts()
    before = await db.read(_totals)
    again = await load(db, data)
    assert again.counts == report.counts
    assert await db.read(_totals) == before
    assert await db.read(_stored_counts, data) == data.counts()
    person = data.people[0]
    sample = (await db.read(_first, _SAMPLE, person["id"]))[0]
    assert sample["born"].to_native() == person["dateOfBirth"]
    assert sample["since"].to_native() in {
        r["from"] for r in data.lives_at if r["personId"] == person["id"]
    }


def test_families_with_needs_have_a_team_led_by_one_lead_practitioner() -> None:
    data = generate(600, seed=5)
    lead_ids = {u.id for u in DEMO_USERS if u.role == "lead_practitioner"}
    roles = {row["id"]: row["roles"][0] for row in data.users}
    person_of = {r["sourceRecordId"]: r["personId"] for r in data.about}
    family_of = {m["personId"]: m["familyId"] for m in data.member_of}
    needs = {family_of[person_of[r["sourceRecordId"]]] for r in data.reports}
    teams: dict[str, list[dict[str, object]]] = {}
    for row in data.teams:
        teams.setdefault(str(row["familyId"]), []).append(row)
    assert set(teams) == needs
    for rows in teams.values():
        leads = [r for r in rows if r["lead"]]
        assert len(leads) == 1
        assert roles[str(leads[0]["userId"])] == "lead_practitioner"
        assert len({r["userId"] for r in rows}) == len(rows)
    members = {str(r["userId"]) for r in data.teams}
    assert "user-demo-practitioner" in members
    assert lead_ids <= members


def test_every_consent_obeys_the_rule_the_api_applies(data: Dataset) -> None:
    """The demo data holds what the API would take: nobody's decision before their birth or
    after the data's own day, a child's by a named parent, nobody's own under the consent age
    (domain.consent.standing)."""
    born = {p["id"]: p["dateOfBirth"] for p in data.people}
    assert data.consents
    for consent in data.consents:
        given = consent["givenOn"]
        assert given <= AS_AT, consent
        problems = rule.standing(
            rule.Grantor(consent["grantorKind"]),
            given,
            born[consent["personId"]],
            rule.DEFAULT_CONSENT_AGE,
            consent.get("grantorName"),
            consent.get("grantorReason"),
        )
        assert problems == (), (consent, problems)
        assert consent["formReference"]
        assert consent["privacyNoticeGivenOn"] <= given
