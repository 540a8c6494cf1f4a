"""The disclosure audit on the real Neo4j: gap-free, unforked under concurrency, tamper-evident.

Other tests share the database and the default chain, so checks on it are relative to its head
before each test; every test that tampers works on a chain of its own and leaves the default one
untouched.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import itertools
import json
import uuid
from collections.abc import AsyncIterator
from typing import Any, LiteralString

import pytest
import pytest_asyncio
from neo4j import AsyncManagedTransaction
from neo4j.exceptions import TransientError

from audit import chain as audit_chain
from audit import listings, storage
from audit.chain import DISCLOSURES, GENESIS
from audit.listings import DisclosureRecord
from audit.record import Disclosure
from graph.database import Database
from graph.migrations import v003, v012

T0 = dt.datetime(2025, 3, 1, 9, 30, 15, 123456, tzinfo=dt.UTC)


@pytest_asyncio.fixture(scope="module", loop_scope="session", autouse=True)
async def audit_schema(db: Database) -> AsyncIterator[None]:
    async with db.driver.session(database=db.name) as session:
        for statement in v003.MIGRATION.statements:
            await (await session.run(statement)).consume()
        await (await session.run("CALL db.awaitIndexes(300)")).consume()
    yield


async def _run(db: Database, query: LiteralString, **params: Any) -> list[dict[str, Any]]:
    async with db.driver.session(database=db.name) as session:
        result = await session.run(query, params)
        return [record.data() async for record in result]


async def _head(db: Database, chain: str = DISCLOSURES) -> tuple[str, int]:
    rows = await _run(
        db, "MATCH (c:AuditChain {name: $chain}) RETURN c.head AS h, c.sequence AS s", chain=chain
    )
    return (rows[0]["h"], rows[0]["s"]) if rows else (GENESIS, 0)


async def _stored(db: Database, ids: list[str]) -> list[dict[str, Any]]:
    return await _run(
        db,
        "UNWIND $ids AS id MATCH (d:Disclosure {id: id}) "
        "RETURN d.sequence AS sequence, d.previousHash AS previous, d.hash AS hash, "
        + storage.PEOPLE_OF_D
        + " AS personIds ORDER BY d.sequence",
        ids=ids,
    )


async def _people(db: Database, count: int) -> list[str]:
    ids = [f"audit-person-{uuid.uuid4().hex}" for _ in range(count)]
    await _run(
        db, "UNWIND $ids AS id CREATE (:Person {id: id, givenName: 'A', familyName: 'B'})", ids=ids
    )
    return ids


def _disclosure(person_ids: list[str], n: int = 0, user: str = "u-1", **kw: Any) -> Disclosure:
    fields: dict[str, Any] = {
        "request_id": f"req-{n}",
        "user_id": user,
        "organisation_id": "org-1",
        "purpose": "early help assessment",
        "lawful_basis": "public task",
        "justification": None,
        "special_condition": None,
        "person_ids": tuple(person_ids),
        "data_classes": ("health", "education"),
        "policy_version": "2025-01",
        "occurred_at": T0 + dt.timedelta(seconds=n),
    }
    return Disclosure(**(fields | kw))


def _chain() -> str:
    return f"test-{uuid.uuid4().hex}"


def test_disclosures_are_normalised_and_need_a_time_zone() -> None:
    d = _disclosure(["p", "q", "p"], data_classes=("z", "a", "z"))
    assert d.data_classes == ("a", "z")
    assert d.person_ids == ("p", "q")
    local = dt.datetime(2025, 3, 1, 10, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert _disclosure([], occurred_at=local).occurred_at == dt.datetime(
        2025, 3, 1, 9, tzinfo=dt.UTC
    )
    with pytest.raises(ValueError, match="timezone"):
        _disclosure([], occurred_at=dt.datetime(2025, 3, 1))


async def test_two_batches_continue_the_chain_and_verify(db: Database) -> None:
    # A chain of its own: the API tests' journals ship to the main one in the background.
    people, chain = await _people(db, 2), _chain()
    first = await db.write(
        audit_chain.record, [_disclosure(people, 1), _disclosure(people[:1], 2)], chain
    )
    second = await db.write(
        audit_chain.record, [_disclosure(people, n) for n in range(3, 6)], chain
    )
    rows = await _stored(db, first + second)
    assert [r["sequence"] for r in rows] == list(range(1, 6))
    assert rows[0]["previous"] == GENESIS
    assert all(b["previous"] == a["hash"] for a, b in itertools.pairwise(rows))
    assert await _head(db, chain) == (rows[-1]["hash"], 5)
    report = await db.read(audit_chain.verify, chain)
    assert report.ok, report
    assert report.checked == 5


async def test_an_empty_batch_writes_nothing(db: Database) -> None:
    chain = _chain()
    await db.write(audit_chain.record, [_disclosure([], 1)], chain)
    head = await _head(db, chain)
    assert await db.write(audit_chain.record, [], chain) == []
    assert await _head(db, chain) == head


async def test_concurrent_writers_neither_fork_nor_skip(db: Database) -> None:
    people, chain = await _people(db, 1), _chain()
    batches = await asyncio.gather(
        *(db.write(audit_chain.record, [_disclosure(people, n)], chain) for n in range(20))
    )
    rows = await _stored(db, [i for ids in batches for i in ids])
    assert [r["sequence"] for r in rows] == list(range(1, 21))
    assert len({r["previous"] for r in rows}) == 20
    assert all(b["previous"] == a["hash"] for a, b in itertools.pairwise(rows))
    chains = await _run(db, "MATCH (c:AuditChain {name: $c}) RETURN count(c) AS n", c=chain)
    assert chains == [{"n": 1}]
    assert (await db.read(audit_chain.verify, chain)).ok


async def test_verifying_while_others_append_sees_a_consistent_prefix(db: Database) -> None:
    chain = _chain()

    async def verify_repeatedly() -> list[audit_chain.ChainReport]:
        return [await db.read(audit_chain.verify, chain, 3) for _ in range(10)]

    writers = [db.write(audit_chain.record, [_disclosure([], n)], chain) for n in range(20)]
    reports, _ = await asyncio.gather(verify_repeatedly(), asyncio.gather(*writers))
    assert all(report.ok for report in reports), reports
    assert await db.read(audit_chain.verify, chain) == audit_chain.ChainReport(True, 20)


async def test_a_retried_transaction_leaves_no_trace_of_the_first_attempt(db: Database) -> None:
    chain, attempts = _chain(), []

    async def flaky(tx: AsyncManagedTransaction, batch: list[Disclosure]) -> list[str]:
        ids = await audit_chain.record(tx, batch, chain)
        attempts.append(ids)
        if len(attempts) == 1:
            raise TransientError("simulated lost race")
        return ids

    ids = await db.write(flaky, [_disclosure([], 1), _disclosure([], 2)])
    assert len(attempts) == 2
    assert attempts[0] == attempts[1]  # the same records: their ids are given when made
    assert [r["sequence"] for r in await _stored(db, ids)] == [1, 2]  # once each
    assert await db.read(audit_chain.verify, chain) == audit_chain.ChainReport(True, 2)


async def _tamper_chain(db: Database, size: int = 5) -> tuple[str, list[str]]:
    chain = _chain()
    ids = await db.write(
        audit_chain.record, [_disclosure([], n) for n in range(1, size + 1)], chain
    )
    assert await db.read(audit_chain.verify, chain, 2) == audit_chain.ChainReport(True, size)
    return chain, ids


@pytest.mark.parametrize(
    "edit",
    [
        "SET d.dataClasses = ['education']",
        "SET d.purpose = 'curiosity'",
        "SET d.occurredAt = d.occurredAt + duration('PT1S')",
        "SET d.breakGlass = true",
        "REMOVE d.organisationId",
        "SET d.personIds = ['someone-else']",
        "SET d.peopleDigest = 'no-such-list'",
        "SET d.occurredAt = toString(d.occurredAt)",
        "SET d.occurredAt = d.occurredAt + duration('PT0.0000001S')",
    ],
)
async def test_an_edited_record_is_reported(db: Database, edit: LiteralString) -> None:
    chain, _ = await _tamper_chain(db)
    await _run(db, "MATCH (d:Disclosure {chain: $chain, sequence: 3}) " + edit, chain=chain)
    report = await db.read(audit_chain.verify, chain, 2)
    assert (report.ok, report.checked, report.first_bad_sequence) == (False, 2, 3)
    assert "record 3 was altered" in (report.problem or "")


async def test_a_rewritten_record_with_a_fresh_hash_breaks_the_next_link(db: Database) -> None:
    chain, _ = await _tamper_chain(db)
    [forged] = await _run(
        db,
        # The forger reads the record as it was hashed, its list of people with it.
        "MATCH (d:Disclosure {chain: $chain, sequence: 3}) RETURN " + storage.AS_HASHED + " AS p",
        chain=chain,
    )
    props = dict(forged["p"], purpose="curiosity")
    new_hash = audit_chain._digest(props)
    await _run(
        db,
        "MATCH (d:Disclosure {chain: $chain, sequence: 3}) "
        "SET d.purpose = 'curiosity', d.hash = $h",
        chain=chain,
        h=new_hash,
    )
    report = await db.read(audit_chain.verify, chain)
    assert (report.ok, report.first_bad_sequence) == (False, 4)
    assert "does not point at" in (report.problem or "")


async def test_a_deleted_middle_record_is_reported_as_a_gap(db: Database) -> None:
    chain, _ = await _tamper_chain(db)
    await _run(db, "MATCH (d:Disclosure {chain: $chain, sequence: 3}) DETACH DELETE d", chain=chain)
    report = await db.read(audit_chain.verify, chain, 2)
    assert (report.ok, report.checked, report.first_bad_sequence) == (False, 2, 3)
    assert "sequence 3 is missing" in (report.problem or "")


async def test_a_deleted_last_record_is_reported(db: Database) -> None:
    chain, _ = await _tamper_chain(db)
    await _run(db, "MATCH (d:Disclosure {chain: $chain, sequence: 5}) DETACH DELETE d", chain=chain)
    report = await db.read(audit_chain.verify, chain)
    assert (report.ok, report.checked, report.first_bad_sequence) == (False, 4, 5)


@pytest.mark.parametrize(
    ("edit", "bad"),
    [
        ("SET c.head = $forged", 5),
        ("SET c.sequence = 4", 4),
        ("SET c.sequence = 6", 6),
    ],
)
async def test_an_edited_head_is_reported(db: Database, edit: LiteralString, bad: int) -> None:
    chain, _ = await _tamper_chain(db)
    await _run(db, "MATCH (c:AuditChain {name: $chain}) " + edit, chain=chain, forged="f" * 64)
    report = await db.read(audit_chain.verify, chain)
    assert (report.ok, report.first_bad_sequence) == (False, bad)
    assert report.problem


async def test_a_deleted_head_is_reported(db: Database) -> None:
    chain, _ = await _tamper_chain(db)
    await _run(db, "MATCH (c:AuditChain {name: $chain}) DELETE c", chain=chain)
    report = await db.read(audit_chain.verify, chain)
    assert (report.ok, report.problem) == (False, "the chain head is gone")


async def test_an_unused_chain_verifies_empty(db: Database) -> None:
    assert await db.read(audit_chain.verify, _chain()) == audit_chain.ChainReport(True, 0)


async def test_listings_are_newest_first_with_keyset_paging(db: Database) -> None:
    me, other = await _people(db, 2)
    user = f"audit-user-{uuid.uuid4().hex}"
    mine: list[str] = []
    for n in range(5):
        mine += await db.write(audit_chain.record, [_disclosure([me], n, user=user)])
        await db.write(audit_chain.record, [_disclosure([other], n, user="someone")])
    expected = list(reversed(mine))

    for lister, key in ((listings.by_person, me), (listings.by_user, user)):
        pages: list[list[DisclosureRecord]] = []
        after: int | None = None
        while not pages or pages[-1]:
            pages.append(await db.read(lister, key, 2, after))
            after = pages[-1][-1].sequence if pages[-1] else None
        assert [len(p) for p in pages] == [2, 2, 1, 0]
        assert [r.id for p in pages for r in p] == expected

    [newest] = await db.read(listings.by_user, user, 1)
    original = _disclosure([me], 4, user=user, id=newest.id)
    assert {f: getattr(newest, f) for f in vars(original)} == vars(original)
    assert newest.chain == DISCLOSURES
    assert len(newest.hash) == 64
    assert newest.occurred_at == T0 + dt.timedelta(seconds=4)


async def test_a_disclosure_about_an_unknown_person_is_still_recorded(db: Database) -> None:
    [known] = await _people(db, 1)
    unknown = f"audit-missing-{uuid.uuid4().hex}"
    [disclosure_id] = await db.write(audit_chain.record, [_disclosure([known, unknown], 1)])
    [stored] = await _stored(db, [disclosure_id])
    assert stored["personIds"] == [known, unknown]
    # Recording touches no Person node: people are found through the batch's spans.
    links = await _run(db, "MATCH (:Disclosure {id: $id})--(p) RETURN p", id=disclosure_id)
    assert links == []
    assert [r.id for r in (await db.read(listings.by_person, known))][:1] == [disclosure_id]
    assert [r.id for r in await db.read(listings.by_person, unknown)] == [disclosure_id]
    assert (await db.read(audit_chain.verify)).ok


async def test_finding_by_person_matches_the_exact_id_only(db: Database) -> None:
    chain = _chain()
    tricky = ['a" OR "b', "a", "b", "x*", "x\\", "p-1", "p-10"]
    ids = await db.write(
        audit_chain.record, [_disclosure([p], n) for n, p in enumerate(tricky)], chain
    )
    for person, disclosure_id in zip(tricky, ids, strict=True):
        found = await db.read(listings.by_person, person, 10, None, chain)
        assert [r.id for r in found] == [disclosure_id], person
        assert await db.read(listings.count_by_person, person, chain) == 1
    assert await db.read(listings.by_person, "p-", 10, None, chain) == []
    assert await db.read(listings.by_person, "*", 10, None, chain) == []


async def test_a_page_needs_a_positive_limit(db: Database) -> None:
    with pytest.raises(ValueError, match="limit"):
        await db.read(listings.by_user, "u-1", 0)


# Batches of records (each batch one append) and who each record is about: "me" appears in some
# records of some batches, so spans hold other people's records and pages end inside spans.
_MIXED_BATCHES: list[list[set[str]]] = [
    [{"me", "a"}, {"a"}, {"me"}],
    [{"a"}, {"a"}, {"a"}],
    [{"b", "me"}, {"me"}],
    [{"me"}],
    [{"a"}, {"me", "b"}, {"b"}, {"me"}],
]


async def _mixed_chain(db: Database, chain: str) -> list[str]:
    """Write _MIXED_BATCHES; answer the ids of the records about "me", newest first."""
    mine: list[str] = []
    n = 0
    for batch in _MIXED_BATCHES:
        records = []
        for people in batch:
            n += 1
            records.append(_disclosure(sorted(people), n))
        ids = await db.write(audit_chain.record, records, chain)
        mine += [i for i, people in zip(ids, batch, strict=True) if "me" in people]
    return list(reversed(mine))


async def _pages(db: Database, chain: str, size: int) -> list[str]:
    found: list[str] = []
    after: int | None = None
    while page := await db.read(listings.by_person, "me", size, after, chain):
        found += [r.id for r in page]
        after = page[-1].sequence
    return found


@pytest.mark.parametrize("size", [1, 2, 3, 50])
async def test_finding_by_person_pages_through_batches_of_several_people(
    db: Database, size: int
) -> None:
    chain = _chain()
    expected = await _mixed_chain(db, chain)
    assert await _pages(db, chain, size) == expected
    assert await db.read(listings.count_by_person, "me", chain) == len(expected)
    # One span per batch the person is in, not one per record.
    spans = await _run(
        db, "MATCH (s:AuditSubject {personId: 'me'}) WHERE s.chain = $c RETURN s", c=chain
    )
    assert len(spans) == sum(1 for batch in _MIXED_BATCHES if any("me" in p for p in batch))


async def test_records_written_before_spans_existed_are_found_once_migrated(db: Database) -> None:
    chain = _chain()
    expected = await _mixed_chain(db, chain)
    # As a database written before migration 12: records, no spans.
    await _run(db, "MATCH (s:AuditSubject) WHERE s.chain = $c DELETE s", c=chain)
    assert await _pages(db, chain, 2) == []
    backfill = v012.MIGRATION.statements[1]
    for _ in range(2):  # a migration that died before it was recorded runs again
        await _run(db, backfill)
    assert await _pages(db, chain, 2) == expected
    spans = await _run(
        db, "MATCH (s:AuditSubject {personId: 'me'}) WHERE s.chain = $c RETURN s", c=chain
    )
    assert len(spans) == 1
    # Batches appended after the migration add their own spans after it.
    [later] = await db.write(audit_chain.record, [_disclosure(["me"], 99)], chain)
    assert await _pages(db, chain, 2) == [later, *expected]


async def test_each_distinct_list_of_people_is_stored_once_and_still_hashed(db: Database) -> None:
    chain = _chain()
    lists = [["pa", "pb"], ["pa", "pb"], ["pc"], ["pa", "pb"]]
    ids = await db.write(
        audit_chain.record, [_disclosure(p, n) for n, p in enumerate(lists, 1)], chain
    )
    stored = await _run(
        db,
        "MATCH (d:Disclosure {chain: $c}) RETURN d.personIds AS own, d.peopleDigest AS digest "
        "ORDER BY d.sequence",
        c=chain,
    )
    assert all(row["own"] is None for row in stored)
    assert len({row["digest"] for row in stored}) == 2
    assert [r["personIds"] for r in await _stored(db, ids)] == lists
    found = await db.read(listings.by_person, "pa", 10, None, chain)
    assert [r.person_ids for r in found] == [("pa", "pb")] * 3
    assert (await db.read(audit_chain.verify, chain)).ok

    # Changing a shared list breaks the chain at the first record that names it.
    await _run(
        db,
        "MATCH (dp:DisclosedPeople {digest: $d}) SET dp.personIds = ['pa']",
        d=stored[2]["digest"],
    )
    report = await db.read(audit_chain.verify, chain)
    assert (report.ok, report.first_bad_sequence) == (False, 3)


async def test_what_disclosures_rested_on_is_stored_once_and_still_hashed(db: Database) -> None:
    chain = _chain()
    bases = [("c:1", "d:2"), ("c:1", "d:2"), (), ("c:3",)]
    records = [_disclosure(["pa"], n, rested_on=b) for n, b in enumerate(bases, 1)]
    await db.write(audit_chain.record, records, chain)
    stored = await _run(
        db,
        "MATCH (d:Disclosure {chain: $c}) RETURN d.restedOn AS own, d.restedOnDigest AS digest, "
        + storage.RESTED_ON_OF_D
        + " AS restedOn ORDER BY d.sequence",
        c=chain,
    )
    assert all(row["own"] is None for row in stored)
    assert [row["restedOn"] for row in stored] == [["c:1", "d:2"], ["c:1", "d:2"], None, ["c:3"]]
    assert stored[0]["digest"] == stored[1]["digest"]
    found = await db.read(listings.by_person, "pa", 10, None, chain)
    assert [r.rested_on for r in found] == [("c:3",), (), ("c:1", "d:2"), ("c:1", "d:2")]
    assert (await db.read(audit_chain.verify, chain)).ok
    # Changing a shared list, or which list a record names, breaks the chain there.
    await _run(
        db,
        "MATCH (db:DisclosedBases {digest: $d}) SET db.refs = ['c:9']",
        d=stored[3]["digest"],
    )
    report = await db.read(audit_chain.verify, chain)
    assert (report.ok, report.first_bad_sequence) == (False, 4)


async def test_records_that_hold_their_own_people_still_verify_and_are_found(
    db: Database,
) -> None:
    # As written before migration 13: the list on the record itself, no digest.
    chain = _chain()
    await db.write(audit_chain.record, [_disclosure(["old-1"], n) for n in (1, 2)], chain)
    await _run(
        db,
        "MATCH (d:Disclosure {chain: $c}) SET d.personIds = ['old-1'] REMOVE d.peopleDigest",
        c=chain,
    )
    assert (await db.read(audit_chain.verify, chain)).ok
    assert len(await db.read(listings.by_person, "old-1", 10, None, chain)) == 2


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {
            "justification": 'Sé: “vital” \\ "quoted"\n',
            "specialCondition": "HEALTH_OR_SOCIAL_CARE",
        },
        {"personIds": ["p-ü", "p-\u2028", "p-1"], "breakGlass": True},
        {"personIds": [], "dataClasses": []},
        {"sequence": 2**40, "previousHash": GENESIS},
    ],
)
def test_the_hash_is_of_the_same_canonical_json_as_records_already_chained(
    changes: dict[str, Any],
) -> None:
    # Records already in a chain were hashed over json.dumps(sort_keys=True): the faster encoding
    # must give the same bytes, or every earlier record would fail verification.
    props: dict[str, Any] = {
        "requestId": "req-1",
        "userId": "u-1",
        "organisationId": "org-1",
        "purpose": "coordinate-support",
        "lawfulBasis": "CONSENT",
        "justification": None,
        "specialCondition": None,
        "personIds": ["p-1", "p-2"],
        "dataClasses": ["identity", "social_care"],
        "policyVersion": "v1",
        "occurredAt": dt.datetime(2026, 5, 1, 8, 0, 0, 123456, tzinfo=dt.UTC),
        "breakGlass": False,
        "id": "d-1",
        "chain": "c-1",
        "sequence": 1,
        "previousHash": "ab" * 32,
    } | changes
    document = {key: value for key, value in props.items() if key != "occurredAt"}
    document["occurredAt"] = "2026-05-01T08:00:00.123456Z"
    canonical = json.dumps(document, sort_keys=True, separators=(",", ":"), allow_nan=False)
    expected = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    assert audit_chain._digest(props) == expected
    assert (
        audit_chain._digest(props, audit_chain._people_json(tuple(props["personIds"]))) == expected
    )
