"""Survivorship against the real Neo4j: people follow the records about them when matching forms
them, a merge joins them or an undo parts them, and when the data team loads a correction from
the command line (a slip counts at once, an earlier file sent again takes the person back, more
than a slip waits for a review)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest_asyncio

from graph import Database, Neo4jSettings
from graph import matching as repository

ROOT = Path(__file__).resolve().parent.parent.parent
HEALTH, CHARITY = "t-survivor-health", "t-survivor-charity"
HEADER = (
    "partner_reference,given_name,family_name,date_of_birth,sex,address_line1,postcode,criteria,"
    "evidence_date\n"
)


async def _run(db: Database, query: str, **params: Any) -> list[dict[str, Any]]:
    async with db.driver.session(database=db.name) as session:
        result = await session.run(query, params)
        return [record.data() async for record in result]


@pytest_asyncio.fixture(scope="module", loop_scope="session", autouse=True)
async def partners(db: Database) -> None:
    await _run(
        db,
        "MERGE (h:Organisation {id: $health}) SET h.name = 'Survivor Health', h.sector = 'health' "
        "MERGE (c:Organisation {id: $charity}) "
        "SET c.name = 'Survivor Charity', c.sector = 'voluntary'",
        health=HEALTH,
        charity=CHARITY,
    )


async def _record(db: Database, organisation: str, ref: str, **values: Any) -> str:
    """A record as an upload leaves it (no person yet); its key."""
    key = f"{organisation}|{ref}"
    await _run(
        db,
        "MATCH (o:Organisation {id: $org}) "
        "CREATE (s:SourceRecord {sourceKey: $key, id: randomUUID(), organisationId: $org, "
        "partnerReference: $ref, version: 1, receivedAt: datetime($at)})-[:SUPPLIED_BY]->(o) "
        "SET s += $values, s.dateOfBirth = date($born)",
        org=organisation,
        key=key,
        ref=ref,
        at=values.pop("at", "2026-01-01T00:00:00Z"),
        born=values.pop("born"),
        values=values,
    )
    return key


async def _person(db: Database, key: str) -> dict[str, Any]:
    [row] = await _run(
        db,
        "MATCH (:SourceRecord {sourceKey: $k})-[:ABOUT]->(p:Person) "
        "RETURN p.id AS id, p.givenName AS given, p.familyName AS family, p.nameKey AS nameKey, "
        "toString(p.dateOfBirth) AS born, p.sex AS sex",
        k=key,
    )
    return row


async def test_a_new_person_takes_the_rule_not_the_latest_record(db: Database) -> None:
    tag = uuid.uuid4().hex[:6]
    # The latest record is the charity's, with the placeholder for an unknown date of birth.
    health = await _record(
        db,
        HEALTH,
        f"H-{tag}",
        givenName="Joyce",
        familyName=f"Wynn{tag}",
        born="1981-05-06",
        sex="female",
    )
    charity = await _record(
        db,
        CHARITY,
        f"C-{tag}",
        givenName="Joy",
        familyName=f"Wynn{tag}",
        born="1900-01-01",
        sex="unknown",
        at="2026-03-01T00:00:00Z",
    )
    applied = await db.write(repository.apply, [frozenset({health, charity})], [], [], "test")
    assert applied.people_created == 1
    person = await _person(db, charity)
    assert (person["given"], person["born"], person["sex"]) == ("Joyce", "1981-05-06", "F")
    assert person["nameKey"] == f"joyce wynn{tag}"


async def test_a_merge_and_its_undoing_give_each_person_their_records_values(
    db: Database,
) -> None:
    tag = uuid.uuid4().hex[:6]
    # The health record has only the year (1 January); the charity knows the day.
    year_only = await _record(
        db, HEALTH, f"Y-{tag}", givenName="Cai", familyName=f"Rhys{tag}", born="2011-01-01"
    )
    full = await _record(
        db, CHARITY, f"F-{tag}", givenName="Cai", familyName=f"Rhys{tag}", born="2011-09-23"
    )
    pair = repository.Pair(year_only, full, 4.0, 0.8, "probabilistic")
    await db.write(
        repository.apply, [frozenset({year_only}), frozenset({full})], [], [pair], "test"
    )
    [review] = await _run(
        db,
        "MATCH (r:MatchReview {leftKey: $a, rightKey: $b}) RETURN r.id AS id",
        a=year_only,
        b=full,
    )
    merge = await db.write(repository.decide, review["id"], True, "t-analyst", "Same child")
    assert merge is not None
    assert (await _person(db, year_only))["born"] == "2011-09-23"
    await db.write(repository.undo, merge.id, "t-analyst", "Not the same child")
    assert (await _person(db, year_only))["born"] == "2011-01-01"
    assert (await _person(db, full))["born"] == "2011-09-23"


def _cli(neo4j: Neo4jSettings, *args: str) -> dict[str, Any]:
    env = os.environ | {
        "NEO4J_URI": neo4j.uri,
        "NEO4J_USER": neo4j.user,
        "NEO4J_PASSWORD": neo4j.password,
    }
    result = subprocess.run(  # noqa: S603 - our own module, fixed arguments
        [sys.executable, "-m", "devtools.intake_command", *args, "--json"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report: dict[str, Any] = json.loads(result.stdout)
    return report


async def test_corrections_loaded_from_the_command_line_reach_the_person_or_wait(
    db: Database, neo4j_settings: Neo4jSettings, tmp_path: Path
) -> None:
    tag = uuid.uuid4().hex[:6]
    listing = tmp_path / "first.csv"
    row = f"K-{tag},Nia,Pugh{tag},2015-03-14,female,5 Quay Hill,EX1 1AA,CR1,2026-02-01\n"
    listing.write_text(HEADER + row)
    assert _cli(neo4j_settings, str(listing), "--organisation", CHARITY)["created"] == 1
    key = f"{CHARITY}|K-{tag}"
    await db.write(repository.apply, [frozenset({key})], [], [], "test")
    person = await _person(db, key)
    assert person["born"] == "2015-03-14"

    slip = tmp_path / "slip.csv"
    slip.write_text(HEADER + row.replace("2015-03-14", "2005-03-14").replace("Nia", "Niaa"))
    assert _cli(neo4j_settings, str(slip), "--organisation", CHARITY)["updated"] == 1
    corrected = await _person(db, key)
    assert (corrected["id"], corrected["given"], corrected["born"]) == (
        person["id"],
        "Niaa",
        "2005-03-14",
    )
    # The first file sent again means its values to stand again: the person goes back too.
    assert _cli(neo4j_settings, str(listing), "--organisation", CHARITY)["updated"] == 1
    reverted = await _person(db, key)
    assert (reverted["given"], reverted["born"]) == ("Nia", "2015-03-14")

    other = tmp_path / "other.csv"
    other.write_text(HEADER + row.replace("Nia", "Gethin").replace("female", "male"))
    assert _cli(neo4j_settings, str(other), "--organisation", CHARITY)["updated"] == 1
    [review] = await _run(
        db,
        "MATCH (r:MatchReview {rule: 'correction', leftKey: $k}) "
        "RETURN r.status AS status, r.changedFields AS fields, r.personId AS person",
        k=key,
    )
    assert review == {"status": "PENDING", "fields": ["givenName", "sex"], "person": person["id"]}
    held = await _person(db, key)
    assert (held["given"], held["born"], held["sex"]) == ("Nia", "2015-03-14", "F")
