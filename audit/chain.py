"""The append-only, hash-chained record of every disclosure of personal data (DESIGN.md Governance).

Shaped loosely on FHIR AuditEvent: who (user, organisation), about whom (people), what (data
classes), why (purpose, lawful basis, justification, special condition), when, under which policy,
and whether break-glass was used. Each ``:Disclosure`` holds the sha256 of a canonical JSON of its
own fields plus the previous record's hash and its sequence, and the chain's head lives on one
``:AuditChain`` node. Nothing here updates or deletes a Disclosure: tampering is found by
:func:`verify`, not prevented. Truncating the tail *and* rewriting the head to match cannot be seen
from inside the database; anchoring the head elsewhere from time to time is what closes that gap.

Several chains may exist (the chain name is a parameter, ``disclosures`` by default), so Neo4j
Community's lack of node keys is met with a derived ``chainSequence`` = ``"<chain>:<sequence>"``.
Reading the records by person or user is audit.listings; responses' records reach the chain
through the journal (audit.journal) and its shipper (audit.shipper).

"Who saw my data" needs the records of one person among millions. Each appended batch writes, in
the same transaction, one ``:AuditSubject {personId, chain, first, last}`` per distinct person in
it, spanning the batch's sequences: a native range index on ``personId`` finds a person's spans,
and the chain's own index finds the records in each. A batch of records about the same few hundred
people (a dashboard read again and again) adds a few hundred small index entries, not one entry per
person per record, and touches no Person node. The spans are an index, not part of the hash chain:
they can be rebuilt from the records (migration 12 does it for records written before them).

A record's list of people is stored once per distinct list, not on each record: a dashboard page
read again and again names the same few hundred people every time. Each
``:DisclosedPeople {digest, personIds}`` is keyed by the sha256 of its list, and a record holds
that ``peopleDigest``. The hash of a record still covers the list itself
(``audit.storage.PEOPLE_OF_D`` reads it back), so changing a list, or a record's pointer to one,
breaks the chain where it is first used.
Records written before migration 13 keep their own ``personIds``, which take precedence.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import neo4j.time
from neo4j import AsyncManagedTransaction

from audit.record import STORED_PROPERTIES, Disclosure
from audit.storage import AS_HASHED
from graph._cypher import Tx, fetch

DISCLOSURES = "disclosures"
GENESIS = "0" * 64
VERIFY_BATCH = 10_000

_HASHED = (*STORED_PROPERTIES.values(), "id", "chain", "sequence", "previousHash")
_APART = frozenset({"occurredAt", "personIds"})  # hashed in their own way (see _digest)
# Added after records were first chained: hashed only when present, so the records written
# before them (which lack them) still hash as they did.
_WHEN_PRESENT = frozenset({"restedOn"})


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    checked: int
    first_bad_sequence: int | None = None
    problem: str | None = None


class _Unreadable(ValueError):
    """A stored value that record() could never have written."""


# The head is read after the write lock is taken (SET, then WITH): every writer of this chain
# queues here, which keeps the sequence gap-free and the chain unforked (tests/audit/test_chain.py
# races writers and verifies).
_LOCK_CHAIN = """
MERGE (c:AuditChain {name: $chain})
ON CREATE SET c.head = $genesis, c.sequence = 0
SET c._lock = true REMOVE c._lock
WITH c
RETURN c.head AS head, c.sequence AS sequence
"""

_HELD = "MATCH (d:Disclosure) WHERE d.id IN $ids RETURN collect(d.id) AS ids"
_DATABASE_ID = "CALL db.info() YIELD id RETURN id"

_HEAD = "MATCH (c:AuditChain {name: $chain}) RETURN c.head AS head, c.sequence AS sequence"

# Appending, indexing by person and moving the head are one statement: each statement of a write
# transaction costs a round trip. A record touches no Person node: a relationship to each person
# would lock them all and cost more the more often they have been seen (a person read daily gains
# thousands). Nor is there a full-text index of personIds: refreshing it after every batch slows
# the requests running beside it (BENCHMARKS.md).
_CREATE_ROWS = """
CALL (c) {
  UNWIND $lists AS list
  MERGE (dp:DisclosedPeople {digest: list.digest})
  ON CREATE SET dp.personIds = list.personIds
}
CALL (c) {
  UNWIND $bases AS list
  MERGE (db:DisclosedBases {digest: list.digest})
  ON CREATE SET db.refs = list.refs
}
CALL (c) {
  UNWIND $rows AS row
  CREATE (d:Disclosure)
  SET d = row, d.occurredAt = datetime(row.occurredAt)
}
CALL (c) {
  UNWIND $subjects AS personId
  CREATE (:AuditSubject {personId: personId, chain: c.name, first: $first, last: $sequence})
}
SET c.head = $head, c.sequence = $sequence
"""
_APPEND = "MATCH (c:AuditChain {name: $chain})" + _CREATE_ROWS

# For a writer that knows the head (audit.shipper): lock, check the head is still the one the
# rows were chained to, append. No rows come back when another writer moved it first.
_APPEND_AFTER = (
    """
MATCH (c:AuditChain {name: $chain})
SET c._lock = true REMOVE c._lock
WITH c WHERE c.head = $previous AND c.sequence = $after
"""
    + _CREATE_ROWS
    + "RETURN c.sequence AS sequence"
)

_WALK = (
    """
MATCH (d:Disclosure)
WHERE d.chain = $chain AND d.sequence > $after AND d.sequence <= $last
WITH d ORDER BY d.sequence LIMIT $n
RETURN """
    + AS_HASHED
    + """ AS props
"""
)


def _json_value(value: Any) -> Any:
    if isinstance(value, list | tuple):
        # A record's people are hundreds of plain strings: checked in one pass, not one call each
        # (the calls were half the shipper's time on the event loop).
        if all(type(item) is str for item in value):
            return list(value)
        return [_json_value(item) for item in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise _Unreadable(f"unexpected {type(value).__name__} value")


def _instant(value: Any) -> str:
    # Only a datetime will do: its ISO string would otherwise hash the same as the datetime.
    if isinstance(value, neo4j.time.DateTime):
        if value.nanosecond % 1000:
            raise _Unreadable("occurredAt has sub-microsecond precision")
        value = value.to_native()
    if not isinstance(value, dt.datetime) or value.utcoffset() is None:
        raise _Unreadable("occurredAt is not a zoned datetime")
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


_ENCODE = json.JSONEncoder(separators=(",", ":"), allow_nan=False).encode


def _canonical(document: Mapping[str, Any], encoded: Mapping[str, str]) -> str:
    """``json.dumps(document | encoded, sort_keys=True, separators=(",", ":"), allow_nan=False)``
    byte for byte, the values of ``encoded`` being given already encoded: a batch's records mostly
    share one list of hundreds of people, encoded once instead of once per record."""
    values = {key: _ENCODE(value) for key, value in document.items()} | dict(encoded)
    return "{" + ",".join(f"{_ENCODE(key)}:{values[key]}" for key in sorted(values)) + "}"


def _people_json(people: Any) -> str:
    """A record's list of people as the canonical JSON of its hash has it."""
    return _ENCODE(_json_value(people))


def _digest(props: Mapping[str, Any], people_json: str | None = None) -> str:
    """sha256 of the canonical JSON of the hashed properties; one function for write and verify.
    ``people_json``: the record's ``personIds`` already encoded (:func:`_people_json`)."""
    document = {
        key: _json_value(props.get(key))
        for key in _HASHED
        if key not in _APART and (key not in _WHEN_PRESENT or props.get(key) is not None)
    }
    document["occurredAt"] = _instant(props.get("occurredAt"))
    if people_json is None:
        people_json = _people_json(props.get("personIds"))
    canonical = _canonical(document, {"personIds": people_json})
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Head:
    """Where a chain ends: the last record's hash and sequence."""

    hash: str
    sequence: int


def _people_digest(people: tuple[str, ...]) -> str:
    canonical = json.dumps(list(people), separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _chained(
    disclosures: list[Disclosure], chain: str, head: Head
) -> tuple[list[dict[str, Any]], dict[tuple[str, ...], str], dict[tuple[str, ...], str], Head]:
    """The stored rows of ``disclosures`` appended after ``head`` (each hashed with its lists of
    people and of bases, stored pointing at them), their distinct lists of people and of bases
    by digest, and the chain's new head."""
    previous, sequence = head.hash, head.sequence
    rows: list[dict[str, Any]] = []
    lists: dict[tuple[str, ...], str] = {}
    bases: dict[tuple[str, ...], str] = {}
    encoded: dict[tuple[str, ...], str] = {}
    for disclosure in disclosures:
        sequence += 1
        row = {key: getattr(disclosure, name) for name, key in STORED_PROPERTIES.items()}
        row.update(id=disclosure.id, chain=chain, sequence=sequence, previousHash=previous)
        people = tuple(row.pop("personIds"))
        if people not in lists:
            lists[people] = _people_digest(people)
            encoded[people] = _people_json(people)
        rested_on = tuple(row.pop("restedOn"))
        if rested_on:
            # Hashed with the record, stored once like its people (absent when empty, as on
            # records written before it existed).
            row["restedOn"] = list(rested_on)
            if rested_on not in bases:
                bases[rested_on] = _people_digest(rested_on)
        row["hash"] = previous = _digest(row, encoded[people])
        if rested_on:
            del row["restedOn"]
            row["restedOnDigest"] = bases[rested_on]
        # Sent as text, made a datetime by Neo4j: the driver's encoding of a datetime cost the
        # shipper more than hashing the record.
        row["occurredAt"] = disclosure.occurred_at.isoformat()
        row["peopleDigest"] = lists[people]
        row["chainSequence"] = f"{chain}:{sequence}"
        rows.append(row)
    return rows, lists, bases, Head(previous, sequence)


def _appended(disclosures: list[Disclosure], chain: str, head: Head) -> tuple[dict[str, Any], Head]:
    """The parameters that append ``disclosures`` after ``head`` (the rows, the new head and the
    batch's AuditSubject spans: its distinct people from its first sequence), and the new head."""
    rows, lists, bases, new_head = _chained(disclosures, chain, head)
    people = dict.fromkeys(p for ids in lists for p in ids)
    params = {
        "rows": rows,
        "lists": [{"digest": digest, "personIds": list(ids)} for ids, digest in lists.items()],
        "bases": [{"digest": digest, "refs": list(refs)} for refs, digest in bases.items()],
        "chain": chain,
        "head": new_head.hash,
        "sequence": new_head.sequence,
        "subjects": list(people),
        "first": head.sequence + 1,
    }
    return params, new_head


async def _locked_append(
    tx: AsyncManagedTransaction, disclosures: list[Disclosure], chain: str
) -> tuple[list[str], Head]:
    found = (await fetch(tx, _LOCK_CHAIN, chain=chain, genesis=GENESIS))[0]
    head = Head(found["head"], found["sequence"])
    if not disclosures:
        return [], head
    params, new_head = _appended(disclosures, chain, head)
    await fetch(tx, _APPEND, **params)
    return [row["id"] for row in params["rows"]], new_head


async def record(
    tx: AsyncManagedTransaction, disclosures: list[Disclosure], chain: str = DISCLOSURES
) -> list[str]:
    """Append ``disclosures`` to ``chain`` in order, after locking it and reading its head; return
    their new ids. Run via Database.write.

    Safe under the driver's retries: everything happens in the caller's one transaction, so a retry
    follows a rollback and starts again from the head. A commit whose outcome is unknown is not
    retried by the driver (IncompleteCommit); a record's id is unique, so recording it again can
    never duplicate it (audit.shipper skips the records the chain already holds).
    """
    ids, _ = await _locked_append(tx, disclosures, chain)
    return ids


async def append(
    tx: AsyncManagedTransaction, disclosures: list[Disclosure], chain: str = DISCLOSURES
) -> Head:
    """As :func:`record`, answering the chain's new head."""
    _, head = await _locked_append(tx, disclosures, chain)
    return head


async def append_after(
    tx: Tx, disclosures: list[Disclosure], head: Head, chain: str = DISCLOSURES
) -> Head | None:
    """Append after ``head`` in one statement, if it is still the chain's head; else None (and
    nothing written). Saves the head's read for a writer that remembers what it last wrote."""
    params, new_head = _appended(disclosures, chain, head)
    written = await fetch(tx, _APPEND_AFTER, previous=head.hash, after=head.sequence, **params)
    return new_head if written else None


def _check(props: Mapping[str, Any], expected: int, previous: str) -> str | None:
    """What is wrong with one record, given the sequence and previous hash it should have."""
    if props.get("sequence") != expected:
        return f"sequence {expected} is missing (next found is {props.get('sequence')})"
    if props.get("previousHash") != previous:
        return f"record {expected} does not point at the hash of record {expected - 1}"
    try:
        digest = _digest(props)
    except ValueError as exc:  # _Unreadable, or a NaN that canonical JSON refuses
        return f"record {expected} was altered: {exc}"
    if props.get("hash") != digest:
        return f"record {expected} was altered: its hash does not match its contents"
    return None


async def _walk(
    tx: Tx, chain: str, checked: int, previous: str, last: int, batch_size: int
) -> tuple[int, str, ChainReport | None]:
    """Check records ``checked + 1`` to ``last``; return how far the chain held, and any break."""
    while checked < last:
        # A bounded window, not just a LIMIT: the index seek then reads one batch, not the rest.
        until = min(checked + batch_size, last)
        batch = await fetch(tx, _WALK, chain=chain, after=checked, last=until, n=batch_size)
        if not batch:
            break
        for row in batch:
            problem = _check(row["props"], checked + 1, previous)
            if problem is not None:
                return checked, previous, ChainReport(False, checked, checked + 1, problem)
            checked, previous = checked + 1, row["props"]["hash"]
    return checked, previous, None


async def verify(tx: Tx, chain: str = DISCLOSURES, batch_size: int = VERIFY_BATCH) -> ChainReport:
    """Recompute the chain from genesis to its head, in batches; report the first break.

    Records are committed before the head that counts them and never change, so a record that
    fails its check is damage. The head is another matter: reads are read-committed (and here
    separate auto-commit queries), so its hash and sequence may come from two appends racing
    this walk. A head that disagrees is therefore read again, and reported only if it held still.
    """
    checked, previous = 0, GENESIS
    seen: tuple[Any, Any] | None = None
    suspect: ChainReport | None = None
    while True:
        heads = await fetch(tx, _HEAD, chain=chain)
        state = (heads[0]["head"], heads[0]["sequence"]) if heads else None
        if suspect is not None and state == seen:
            return suspect
        seen = state
        if state is None:
            orphans = await fetch(tx, _WALK, chain=chain, after=0, last=2**62, n=1)
            if not orphans:
                return ChainReport(True, 0)
            first = orphans[0]["props"].get("sequence")
            suspect = ChainReport(False, 0, first, "the chain head is gone")
            continue
        head, last = state
        if not isinstance(last, int) or isinstance(last, bool) or last < 0:
            suspect = ChainReport(False, 0, None, f"the chain head's sequence is invalid: {last!r}")
            continue
        checked, previous, broken = await _walk(tx, chain, checked, previous, last, batch_size)
        if broken is not None:
            return broken
        if checked < last:
            problem = f"records {checked + 1} to {last} are missing"
            suspect = ChainReport(False, checked, checked + 1, problem)
        elif head != previous:
            problem = f"the chain head does not match record {last}"
            suspect = ChainReport(False, checked, last, problem)
        else:
            return ChainReport(True, checked)


async def held_ids(tx: Tx, ids: list[str]) -> set[str]:
    """Which of ``ids`` the audit already holds (any chain: a record's id is unique)."""
    rows = await fetch(tx, _HELD, ids=ids)
    return set(rows[0]["ids"]) if rows else set()


async def database_id(tx: Tx) -> str:
    """Neo4j's own id of this database: stable for its store, different for another."""
    rows = await fetch(tx, _DATABASE_ID)
    return str(rows[0]["id"])
