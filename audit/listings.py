"""Reading the audit: disclosures by person ("who saw my data") and by user, newest first.

Records are found by person through the ``AuditSubject`` spans each appended batch writes (see
audit.chain): the spans of one person in one chain never overlap, and each holds at least one
record about them. Written in the batch's own transaction, they are never behind the chain.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, LiteralString

from audit.chain import DISCLOSURES
from audit.record import STORED_PROPERTIES, Disclosure
from audit.storage import AS_HASHED, PEOPLE_OF_D
from graph import records
from graph._cypher import Tx, fetch


@dataclass(frozen=True, kw_only=True)
class DisclosureRecord(Disclosure):
    """A Disclosure as recorded: its place in its chain and its hash."""

    id: str
    chain: str
    sequence: int
    previous_hash: str
    hash: str


def _record(props: Mapping[str, Any]) -> DisclosureRecord:
    values: dict[str, Any] = {name: props.get(key) for name, key in STORED_PROPERTIES.items()}
    values["occurred_at"] = records.native(values["occurred_at"])
    values["person_ids"] = tuple(values["person_ids"] or ())
    values["data_classes"] = tuple(values["data_classes"] or ())
    values["rested_on"] = tuple(values["rested_on"] or ())
    chained = {"id", "chain", "sequence", "hash"}
    return DisclosureRecord(
        **values, **{k: props[k] for k in chained}, previous_hash=props["previousHash"]
    )


_NEWEST_FIRST = (
    """
WHERE d.chain = $chain AND ($before IS NULL OR d.sequence < $before)
WITH d ORDER BY d.sequence DESC LIMIT $n
RETURN """
    + AS_HASHED
    + " AS props\n"
)
# The n + 1 newest spans starting before the page hold its n records: every span holds a record
# about the person, and only one span can reach past $before. The records' exact-match filter
# drops the others of each span.
_RECORDS_IN_SPANS = (
    """
MATCH (d:Disclosure)
WHERE d.chain = $chain AND d.sequence >= s.first AND d.sequence <= s.last
  AND $personId IN """
    + PEOPLE_OF_D
    + "\n"
)
_BY_PERSON = (
    """
MATCH (s:AuditSubject {personId: $personId})
WHERE s.chain = $chain AND ($before IS NULL OR s.first < $before)
WITH s ORDER BY s.last DESC LIMIT $spans
"""
    + _RECORDS_IN_SPANS
    + "WITH d"
    + _NEWEST_FIRST
)
_BY_USER = "MATCH (d:Disclosure {userId: $userId})" + _NEWEST_FIRST


async def _listing(
    tx: Tx, query: LiteralString, limit: int, after_sequence: int | None, **params: Any
) -> list[DisclosureRecord]:
    if limit < 1:
        raise ValueError("limit must be at least 1")
    rows = await fetch(tx, query, before=after_sequence, n=limit, **params)
    return [_record(row["props"]) for row in rows]


async def by_person(
    tx: Tx,
    person_id: str,
    limit: int = 50,
    after_sequence: int | None = None,
    chain: str = DISCLOSURES,
) -> list[DisclosureRecord]:
    """Disclosures concerning a person, newest first; ``after_sequence`` is the previous page's
    last sequence."""
    return await _listing(
        tx, _BY_PERSON, limit, after_sequence, personId=person_id, spans=limit + 1, chain=chain
    )


async def by_user(
    tx: Tx,
    user_id: str,
    limit: int = 50,
    after_sequence: int | None = None,
    chain: str = DISCLOSURES,
) -> list[DisclosureRecord]:
    """Disclosures made to a user, newest first, keyset-paged like :func:`by_person`."""
    return await _listing(tx, _BY_USER, limit, after_sequence, userId=user_id, chain=chain)


_COUNT_BY_PERSON = (
    "MATCH (s:AuditSubject {personId: $personId}) WHERE s.chain = $chain"
    + _RECORDS_IN_SPANS
    + "RETURN count(d) AS n"
)
_COUNT_BY_USER = (
    "MATCH (d:Disclosure {userId: $userId}) WHERE d.chain = $chain RETURN count(d) AS n"
)


async def count_by_person(tx: Tx, person_id: str, chain: str = DISCLOSURES) -> int:
    rows = await fetch(tx, _COUNT_BY_PERSON, personId=person_id, chain=chain)
    return int(rows[0]["n"])


async def count_by_user(tx: Tx, user_id: str, chain: str = DISCLOSURES) -> int:
    return int((await fetch(tx, _COUNT_BY_USER, userId=user_id, chain=chain))[0]["n"])
