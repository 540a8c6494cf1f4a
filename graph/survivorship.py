"""Keeping each person what their records say (the rule is ``domain.survivorship``), in the
transaction that changed the records or who they are about.

    (:SourceRecord {heldVersion})   while a correction is questioned: the version that counts
    (:MatchReview {rule: 'correction', leftKey = rightKey = the record, personId, changedFields,
                   version, detachedTo})

- ``recompute``: after matching gave records a person, a merge joined two, an undo parted them,
  or a correction was decided, the people concerned take their attributes afresh from their
  records. Only people whose attributes change are written; a changed date of birth summarises
  their consent afresh (who may decide for them depends on their age).
- ``corrected``: after an upload corrected records about people (``graph.uploads.load_batch``,
  same transaction), a correction within a typo simply counts; one beyond it
  (``domain.survivorship.questioned``) is put to the data team as a review, and until decided
  the record counts for its person with the values it had before (``heldVersion``).
- ``settle``: deciding such a review. Approving says the record is still about its person: the
  correction counts. Rejecting says it now describes someone else: the record leaves the person
  for a new person of its own, and both take their attributes afresh.

Only records from partners' uploads (with a ``sourceKey``) are weighed; a person with none keeps
the attributes they have.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from neo4j import AsyncManagedTransaction

from domain.consent import DEFAULT_CONSENT_AGE
from domain.survivorship import Attributes, Source, questioned, survive
from graph import consent_summary
from graph._cypher import fetch, fetch_collected
from graph.records import day, instant
from vocabulary import name_key

CORRECTION = "correction"  # the rule of a review that questions a correction

# Each record about the person, with the values that count for them: the held version's while
# a correction is questioned.
_SOURCES = """
UNWIND $people AS id
MATCH (p:Person {id: id})
OPTIONAL MATCH (s:SourceRecord)-[:ABOUT]->(p) WHERE s.sourceKey IS NOT NULL
OPTIONAL MATCH (s)-[:SUPPLIED_BY]->(o:Organisation)
WITH p, s, o,
     CASE WHEN s.heldVersion IS NULL THEN s
          ELSE coalesce(head([(s)-[:PREVIOUS*1..]->(v:SourceRecordVersion)
                              WHERE v.version = s.heldVersion | v]), s) END AS r
WITH p, collect(CASE WHEN s IS NOT NULL THEN
                  {key: s.sourceKey, sector: o.sector, received: toString(r.receivedAt),
                   given: r.givenName, family: r.familyName, born: toString(r.dateOfBirth),
                   sex: r.sex} END) AS sources
RETURN collect({id: p.id, given: p.givenName, family: p.familyName,
                born: toString(p.dateOfBirth), sex: p.sex, sources: sources}) AS people
"""

_WRITE = """
UNWIND $rows AS row
MATCH (p:Person {id: row.id})
SET p.givenName = row.givenName, p.familyName = row.familyName, p.nameKey = row.nameKey,
    p.dateOfBirth = row.dateOfBirth, p.sex = row.sex
"""

# The records this upload corrected that are about a person: their values now, the values the
# upload replaced, and the person as they stand.
_CORRECTED = """
UNWIND $keys AS key
MATCH (s:SourceRecord {sourceKey: key})-[:PREVIOUS]->(v:SourceRecordVersion)
WHERE v.supersededBy = $uploadId
MATCH (s)-[:ABOUT]->(p:Person)
RETURN collect({key: key, person: p.id, version: s.version, previous: v.version,
                after: {given: s.givenName, family: s.familyName, sex: s.sex,
                        born: toString(s.dateOfBirth)},
                before: {given: v.givenName, family: v.familyName, sex: v.sex,
                         born: toString(v.dateOfBirth)},
                now: {given: p.givenName, family: p.familyName, sex: p.sex,
                      born: toString(p.dateOfBirth)}})
       AS rows
"""

# One review per correction (the pair names the record and its version), and the record holds
# the version that counts meanwhile: the earliest one questioned, while any question is open.
_QUESTION = """
UNWIND $rows AS row
MERGE (r:MatchReview {pair: row.pair})
ON CREATE SET r.id = row.id, r.leftKey = row.key, r.rightKey = row.key, r.weight = 0.0,
              r.probability = 0.0, r.rule = 'correction', r.modelVersion = '',
              r.personId = row.person, r.changedFields = row.fields, r.version = row.version,
              r.createdAt = datetime(), r.status = 'PENDING'
WITH row
MATCH (s:SourceRecord {sourceKey: row.key})
SET s.heldVersion = coalesce(s.heldVersion, row.held)
"""

_RELEASE = """
MATCH (s:SourceRecord {sourceKey: $key})-[:ABOUT]->(p:Person)
REMOVE s.heldVersion
RETURN p.id AS person
"""

# The record leaves its person for a new one (who has no consent yet: graph.consent_summary).
_DETACH = """
MATCH (s:SourceRecord {sourceKey: $key})-[a:ABOUT]->(old:Person)
DELETE a
CREATE (p:Person {id: $newId, givenName: '', familyName: '', nameKey: '',
                  createdBy: 'correction', consentUntil: date('9999-12-31')})
CREATE (s)-[:ABOUT]->(p)
REMOVE s.heldVersion
WITH old, p
MATCH (r:MatchReview {id: $reviewId})
SET r.detachedTo = p.id
RETURN old.id AS old
"""


def _source(row: dict[str, Any], key: str = "") -> Source:
    return Source(
        key=row.get("key") or key,
        sector=row.get("sector"),
        received_at=instant(row.get("received")),
        given_name=row.get("given"),
        family_name=row.get("family"),
        date_of_birth=day(row.get("born")),
        sex=row.get("sex"),
    )


def _attributes(row: dict[str, Any]) -> Attributes:
    return Attributes(
        given_name=row.get("given") or "",
        family_name=row.get("family") or "",
        date_of_birth=day(row.get("born")),
        sex=row.get("sex"),
    )


def values_of(sources: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """A new person's properties from the records about them (each as ``_SOURCES`` gives one)."""
    derived = survive([_source(s) for s in sources])
    assert derived is not None, "a person is formed from at least one record"
    return _properties(derived)


def _properties(derived: Attributes) -> dict[str, Any]:
    return {
        "givenName": derived.given_name,
        "familyName": derived.family_name,
        "nameKey": name_key(derived.given_name, derived.family_name),
        "dateOfBirth": derived.date_of_birth,
        "sex": derived.sex,
    }


async def recompute(tx: AsyncManagedTransaction, person_ids: Iterable[str]) -> int:
    """These people's attributes afresh from their records; how many changed."""
    ids = sorted(set(person_ids))
    if not ids:
        return 0
    changed: list[dict[str, Any]] = []
    born_changed: list[str] = []
    for row in await fetch_collected(tx, _SOURCES, people=ids):
        derived = survive([_source(s) for s in row["sources"]])
        if derived is None or derived == _attributes(row):
            continue
        changed.append({"id": row["id"], **_properties(derived)})
        if derived.date_of_birth != day(row.get("born")):
            born_changed.append(row["id"])
    if changed:
        await fetch(tx, _WRITE, rows=changed)
    if born_changed:
        age = await consent_summary.consent_age_in_force(tx) or DEFAULT_CONSENT_AGE
        await consent_summary.refresh(tx, born_changed, age)
    return len(changed)


async def corrected(tx: AsyncManagedTransaction, upload_id: str, keys: Sequence[str]) -> int:
    """After ``upload_id`` corrected the records ``keys``: question each correction about a
    person that goes beyond a typo, then bring those people up to date; how many questioned."""
    rows = await fetch_collected(tx, _CORRECTED, uploadId=upload_id, keys=list(keys))
    questions = []
    for row in rows:
        fields = questioned(
            _source(row["before"], row["key"]),
            _source(row["after"], row["key"]),
            _attributes(row["now"]),
        )
        if fields:
            questions.append(
                {
                    "pair": f"{CORRECTION}\u241f{row['key']}\u241f{row['version']}",
                    "id": str(uuid.uuid4()),
                    "key": row["key"],
                    "person": row["person"],
                    "fields": list(fields),
                    "version": row["version"],
                    "held": row["previous"],
                }
            )
    if questions:
        await fetch(tx, _QUESTION, rows=questions)
    await recompute(tx, [row["person"] for row in rows])
    return len(questions)


async def settle(
    tx: AsyncManagedTransaction, review_id: str, record_key: str, same_person: bool
) -> None:
    """A questioned correction decided: the record stays with its person and the correction
    counts, or it leaves them for a new person of its own."""
    if same_person:
        rows = await fetch(tx, _RELEASE, key=record_key)
        await recompute(tx, [r["person"] for r in rows])
        return
    new_id = str(uuid.uuid4())
    rows = await fetch(tx, _DETACH, key=record_key, newId=new_id, reviewId=review_id)
    await recompute(tx, [new_id, *(r["old"] for r in rows)])
