"""Cypher for people and what hangs off them: addresses, relatives, families, criteria met.

Every function takes the caller's transaction and a list of keys, runs one statement, and returns
records; the caller (a DataLoader) puts them back in key order.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from graph import records
from graph._cypher import Tx, fetch, fetch_collected
from graph.consent_scope import weighs, weighs_family
from graph.database import Database
from graph.visibility import FAMILY_VISIBLE, PERSON_VISIBLE, Viewer, person_visible
from vocabulary import fold, name_key

_BY_IDS = (
    "UNWIND $ids AS id MATCH (p:Person {id: id}) WHERE "
    + PERSON_VISIBLE
    + " RETURN collect(p {.*}) AS people"
)

_MEMBERSHIPS = (
    """
UNWIND $ids AS id
MATCH (p:Person {id: id})-[m:MEMBER_OF]->(f:Family)
WHERE """
    + FAMILY_VISIBLE
    + """
RETURN p.id AS personId, f.id AS familyId, m.role AS role, m.from AS from, m.to AS to
ORDER BY personId, f.reference
"""
)

# One statement for everything that hangs off a person, so a request reading a person's
# addresses, relatives and criteria costs one query per level, not three. Relationships are
# stored once, in one direction; both directions are read and the API presents the inverse kind
# when the person is at the end of the relationship.
FACTS_OF_P = (
    """
CALL (p) {
  OPTIONAL MATCH (p)-[l:LIVES_AT]->(a:Address)
  WITH l, a ORDER BY l.to IS NULL DESC, l.from DESC
  RETURN collect(CASE WHEN a IS NULL THEN null
                 ELSE {a: a {.*}, from: toString(l.from), to: toString(l.to)} END)
         AS residences
}
CALL (p) {
  OPTIONAL MATCH (p)-[r:RELATED_TO]-(q:Person)
  WHERE """
    + person_visible("q")
    + """
  WITH r ORDER BY r.createdAt, r.id
  RETURN collect(CASE WHEN r IS NULL THEN null
                 ELSE {r: r {.*, createdAt: toString(r.createdAt),
                               revokedAt: toString(r.revokedAt)},
                       fromId: startNode(r).id, toId: endNode(r).id} END)
         AS links
}
CALL (p) {
  OPTIONAL MATCH (p)<-[:ABOUT]-(s:SourceRecord)-[rep:REPORTS]->(c:Criterion),
                 (s)-[:SUPPLIED_BY]->(o:Organisation)
  WITH s, rep, c, o ORDER BY rep.evidenceDate DESC, c.code
  RETURN collect(CASE WHEN c IS NULL THEN null
                 ELSE {c: c {.*}, o: o {.*}, s: s.id, date: toString(rep.evidenceDate),
                       received: toString(s.receivedAt)} END)
         AS criteria
}
"""
)

_FACTS = (
    "UNWIND $ids AS id MATCH (p:Person {id: id}) WHERE "
    + PERSON_VISIBLE
    + FACTS_OF_P
    + "RETURN collect({personId: p.id, residences: residences, links: links, criteria: criteria})"
    " AS rows"
)


async def by_ids(tx: Tx, ids: list[str], viewer: Viewer) -> list[records.Person]:
    rows = await fetch_collected(tx, _BY_IDS, ids=ids, **viewer.params())
    return [records.person(p) for p in rows]


async def memberships(tx: Tx, ids: list[str], viewer: Viewer) -> list[records.Membership]:
    return [
        records.Membership(
            person_id=r["personId"],
            family_id=r["familyId"],
            role=r["role"],
            from_=records.native(r["from"]),
            to=records.native(r["to"]),
        )
        for r in await fetch(tx, _MEMBERSHIPS, ids=ids, **viewer.params())
    ]


def person_facts(person_id: str, row: Any) -> records.PersonFacts:
    """Facts from the ``residences``, ``links`` and ``criteria`` of FACTS_OF_P."""
    return records.PersonFacts(
        person_id=person_id,
        residences=tuple(
            records.Residence(
                person_id=person_id,
                address=records.address(x["a"]),
                from_=records.day(x["from"]),
                to=records.day(x["to"]),
            )
            for x in row["residences"]
        ),
        links=tuple(records.link(x["r"], x["fromId"], x["toId"]) for x in row["links"]),
        criteria=tuple(
            records.CriterionReport(
                person_id=person_id,
                criterion=records.criterion(x["c"]),
                organisation=records.organisation(x["o"]),
                source_record_id=x["s"],
                evidence_date=records.day(x["date"]),
                received_at=records.instant(x["received"]),
            )
            for x in row["criteria"]
        ),
    )


async def facts(tx: Tx, ids: list[str], viewer: Viewer) -> list[records.PersonFacts]:
    rows = await fetch_collected(tx, _FACTS, ids=ids, **viewer.params())
    return [person_facts(r["personId"], r) for r in rows]


@dataclass(frozen=True)
class PersonFilter:
    """Dashboard filters; None means "any"."""

    name: str | None = None
    date_of_birth: dt.date | None = None
    criterion: str | None = None
    postcode_district: str | None = None
    family_status: str | None = None


# One literal statement serves every combination of filters: a null parameter switches its
# predicate off. Ordered by (nameKey, id) so the keyset cursor is stable under inserts. The list
# is ordered by name (and its cursors hold it) and filtered by the person's data, which reads it:
# when the request rests on consent, it lists only people whose consent covers it, and matches a
# family's status only with every member's (graph.consent_scope.weighs).
_CONDITIONS = (
    "\n"
    + weighs("p")
    + """
  AND ($name IS NULL OR p.nameKey CONTAINS $name)
  AND ($dob IS NULL OR p.dateOfBirth = $dob)
  AND ($criterion IS NULL OR EXISTS {
        MATCH (p)<-[:ABOUT]-(:SourceRecord)-[:REPORTS]->(:Criterion {code: $criterion}) })
  AND ($district IS NULL OR EXISTS {
        MATCH (p)-[l:LIVES_AT]->(a:Address {postcodeDistrict: $district}) WHERE l.to IS NULL })
  AND ($familyStatus IS NULL OR EXISTS {
        MATCH (p)-[m:MEMBER_OF]->(f:Family {status: $familyStatus}) WHERE m.to IS NULL AND """
    + weighs_family("f")
    + """ })
"""
)

_SEARCH = (
    "MATCH (p:Person) WHERE "
    + PERSON_VISIBLE
    + " AND"
    + _CONDITIONS
    + """
  AND p.nameKey >= $fromKey
  AND ($afterKey IS NULL OR p.nameKey > $afterKey OR (p.nameKey = $afterKey AND p.id > $afterId))
WITH p ORDER BY p.nameKey, p.id LIMIT $limit
RETURN collect(p {.*}) AS people
"""
)

_COUNT = (
    "MATCH (p:Person) WHERE " + PERSON_VISIBLE + " AND" + _CONDITIONS + "RETURN count(p) AS total"
)


def _filter_params(f: PersonFilter) -> dict[str, object]:
    return {
        "name": fold(f.name) if f.name else None,
        "dob": f.date_of_birth,
        "criterion": f.criterion,
        "district": f.postcode_district,
        "familyStatus": f.family_status,
    }


async def search(
    tx: Tx,
    f: PersonFilter,
    after: tuple[str, str] | None,
    limit: int,
    viewer: Viewer,
) -> list[tuple[records.Person, tuple[str, str]]]:
    """A page of people matching the filter, each with its keyset position for cursors."""
    rows = await fetch_collected(
        tx,
        _SEARCH,
        **_filter_params(f),
        afterKey=after[0] if after else None,
        afterId=after[1] if after else None,
        # A range the name-order index can seek, in the order the page is read (far cheaper than
        # filtering every person; BENCHMARKS.md); the exact keyset test is the line after it. Every
        # person the API or the loader makes has a name key.
        fromKey=after[0] if after else "",
        limit=limit,
        **viewer.params(),
    )
    return [(records.person(p), (p["nameKey"], p["id"])) for p in rows]


async def count(tx: Tx, f: PersonFilter, viewer: Viewer) -> int:
    rows = await fetch(tx, _COUNT, **_filter_params(f), **viewer.params())
    return int(rows[0]["total"])


_NAMES = """
MATCH (p:Person) WHERE p.id IN $ids
RETURN collect([p.id, p.givenName, p.familyName, p.nameKey]) AS people
"""
# A batch in id order, a range of the id constraint's index from just after `after`.
_NAMES_AFTER = """
MATCH (p:Person) WHERE p.id > $after AND ($until IS NULL OR p.id < $until)
WITH p ORDER BY p.id LIMIT $limit
RETURN collect([p.id, p.givenName, p.familyName, p.nameKey]) AS people
"""
_RENAME = "UNWIND $rows AS row MATCH (p:Person {id: row[0]}) SET p.nameKey = row[1]"


async def _rename(tx: Tx, found: list[Any]) -> int:
    rows = [
        [person_id, key]
        for person_id, given, family, stored in found
        if (key := name_key(given, family)) != stored
    ]
    if rows:
        await fetch(tx, _RENAME, rows=rows)
    return len(rows)


async def refresh_name_keys(tx: Tx, ids: list[str]) -> int:
    """The name key of the people with ``ids`` as :func:`vocabulary.text.name_key` makes it now; how
    many changed. Keys of names in plain ASCII do not change, so neither do cursors over them."""
    return await _rename(tx, await fetch_collected(tx, _NAMES, ids=ids))


async def _refresh_batch(tx: Tx, after: str, until: str | None, limit: int) -> tuple[str, int, int]:
    found = await fetch_collected(tx, _NAMES_AFTER, after=after, until=until, limit=limit)
    return (found[-1][0] if found else after), len(found), await _rename(tx, found)


async def refresh_all_name_keys(
    db: Database, *, batch: int = 5000, after: str = "", until: str | None = None
) -> int:
    """Every person's name key as :func:`refresh_name_keys` makes it (migration 16: keys were
    lower-cased only, so "lukasz" did not find Łukasz), ``batch`` people per transaction so a
    council's millions never sit in one; how many changed. ``after`` and ``until`` (exclusive)
    bound the ids visited. Safe to run again, or to resume after a failure: a key already right
    is left alone."""
    changed = 0
    while True:
        after, seen, renamed = await db.write(_refresh_batch, after, until, batch)
        changed += renamed
        if seen < batch:
            return changed
