"""The households job: decided off the event loop, written in bounded batches, and a run that
fails halfway is completed by the next, which converges on what one clean run gives."""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from collections.abc import Sequence
from typing import Any

import pytest
import pytest_asyncio

from domain.households import AddressChange
from graph import Database, Viewer
from graph import households as repository
from services import households, intake
from tests.api.partner_lists import nhs_number

ORG = "t-households-org"
ACTOR = Viewer("t-data-team", ORG)
TODAY = dt.date(2026, 6, 1)
HEADER = (
    "partner_reference,given_name,family_name,date_of_birth,address_line1,postcode,nhs_number,"
    "criteria,evidence_date\n"
)


@pytest_asyncio.fixture(scope="module", loop_scope="session", autouse=True)
async def catalogue(db: Database) -> None:
    async with db.driver.session(database=db.name) as session:
        await (
            await session.run(
                "MERGE (:Organisation {id: $org, name: 'Households Test Partner', "
                "sector: 'housing'})",
                org=ORG,
            )
        ).consume()


async def _people_at_five_addresses(db: Database) -> list[str]:
    """Ten people, two to a house (a parent and a child), at five new addresses: their list
    loaded, and each record given a person of its own here (as matching would, each having an
    NHS number of its own), so that the test does not match every record of the test database."""
    tag = uuid.uuid4().hex[:8]
    rows = []
    for house in range(5):
        surname = f"Hh{tag}x{house}"
        for given, born in (("Alex", "1980-03-0"), ("Robin", "2015-07-1")):
            rows.append(
                f"{tag}-{house}-{given},{given},{surname},{born}{house + 1},"
                f"{house + 1} Test Row {tag},EX1 1AA,{nhs_number()},WK3,"
                f"2026-01-0{house + 1}"
            )
    data = (HEADER + "\n".join(rows) + "\n").encode()
    await intake.receive(db, ACTOR, intake.PartnerList(data, ORG))
    keys = [f"{ORG}|{tag}-{house}-{g}" for house in range(5) for g in ("Alex", "Robin")]
    async with db.driver.session(database=db.name) as session:
        await (
            await session.run(
                "UNWIND $keys AS key MATCH (s:SourceRecord {sourceKey: key}) "
                "CREATE (s)-[:ABOUT]->(:Person {id: randomUUID(), givenName: s.givenName, "
                "familyName: s.familyName, dateOfBirth: s.dateOfBirth, createdBy: 'test', "
                "consentUntil: date('9999-12-31')})",
                keys=keys,
            )
        ).consume()
    return keys


async def _state(db: Database, keys: Sequence[str]) -> list[dict[str, Any]]:
    """Per person: current residences, current households (with their members) and families."""
    async with db.driver.session(database=db.name) as session:
        result = await session.run(
            "UNWIND $keys AS key "
            "MATCH (:SourceRecord {sourceKey: key})-[:ABOUT]->(p:Person) "
            "OPTIONAL MATCH (p)-[l:LIVES_AT {source: 'partner-lists'}]->(a:Address) "
            "  WHERE l.supersededAt IS NULL "
            "WITH key, p, collect([a.addressKey, l.from, l.to]) AS lived "
            "OPTIONAL MATCH (p)-[:IN_HOUSEHOLD]->(h:Household) WHERE h.supersededAt IS NULL "
            "WITH key, p, lived, collect([h.addressKey, h.from, h.to, "
            "  size([(q)-[:IN_HOUSEHOLD]->(h) | q])]) AS households "
            "OPTIONAL MATCH (p)-[m:MEMBER_OF]->(f:Family) WHERE m.to IS NULL "
            "RETURN key, lived, households, collect([m.role, "
            "  size([(q)-[n:MEMBER_OF]->(f) WHERE n.to IS NULL | q])]) AS families "
            "ORDER BY key",
            keys=list(keys),
        )
        return [record.data() async for record in result]


async def test_a_run_that_fails_halfway_is_completed_by_the_next(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    keys = await _people_at_five_addresses(db)
    monkeypatch.setattr(households, "BATCH_ROWS", 3)  # an address or two per transaction
    written: list[Sequence[AddressChange]] = []
    write = repository.write_addresses

    async def failing_after_two(tx: Any, batch: Sequence[AddressChange], today: dt.date) -> None:
        if len(written) == 2:
            raise RuntimeError("the process died here")
        await write(tx, batch, today)
        written.append(batch)

    monkeypatch.setattr(repository, "write_addresses", failing_after_two)
    with pytest.raises(RuntimeError):
        await households.form(db, ACTOR, households.Forming(TODAY))
    # What the two batches wrote is whole: those addresses are as the records give them.
    assert all(change.rows <= 3 or len(batch) == 1 for batch in written for change in batch)
    monkeypatch.setattr(repository, "write_addresses", write)
    monkeypatch.setattr(households, "BATCH_ROWS", 2_000)  # the rest of the graph, as usual

    completed = await households.form(db, ACTOR, households.Forming(TODAY))
    again = await households.form(db, ACTOR, households.Forming(TODAY))
    state = await _state(db, keys)

    assert completed.members_added >= 10
    assert (again.households_created, again.households_ended, again.families_created) == (0, 0, 0)
    assert again.members_added == 0
    for person in state:
        assert len(person["lived"]) == 1, person  # one residence, none doubled by the retry
        [(_, _, end, members)] = person["households"]
        assert (end, members) == (None, 2)
        [(role, family_size)] = person["families"]
        assert family_size == 2
        assert role in ("PARENT", "CHILD")


async def test_the_rules_run_off_the_event_loop(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _people_at_five_addresses(db)
    threads: list[threading.Thread] = []
    decide = households.changes

    def recording(*args: Any) -> Any:
        threads.append(threading.current_thread())
        return decide(*args)

    monkeypatch.setattr(households, "changes", recording)
    await households.form(db, ACTOR, households.Forming(TODAY))
    assert threads
    assert threads[0] is not threading.main_thread()


async def test_a_family_whose_short_reference_is_taken_is_formed_with_the_long_one(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A short reference is random: when it is taken already, the family is formed all the same,
    under the long form its id makes unique, and its people join it."""
    keys = await _people_at_five_addresses(db)
    taken = f"{uuid.uuid4().hex[:8]}"
    async with db.driver.session(database=db.name) as session:
        await (
            await session.run(
                "CREATE (:Family {id: randomUUID(), reference: $reference, status: 'IDENTIFIED'})",
                reference=f"H-{taken.upper()}",
            )
        ).consume()
    real = uuid.uuid4
    monkeypatch.setattr(uuid, "uuid4", lambda: uuid.UUID(taken + real().hex[8:]))

    await households.form(db, ACTOR, households.Forming(TODAY))
    monkeypatch.setattr(uuid, "uuid4", real)
    async with db.driver.session(database=db.name) as session:
        result = await session.run(
            "UNWIND $keys AS key MATCH (:SourceRecord {sourceKey: key})-[:ABOUT]->(p:Person) "
            "MATCH (p)-[m:MEMBER_OF]->(f:Family) WHERE m.to IS NULL "
            "RETURN DISTINCT f.id AS id, f.reference AS reference",
            keys=keys,
        )
        families = [record.data() async for record in result]
    assert len(families) == 5  # one to a house, every person in one
    for family in families:
        assert family["reference"] == "H-" + family["id"].replace("-", "").upper()
