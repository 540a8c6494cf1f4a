"""Who each partner's row is about: people formed from matched source records, the review queue of
uncertain matches, and reversible merges.

    (:SourceRecord)-[:ABOUT]->(:Person)
    (:SourceRecord)-[:MATCHES {weight, probability, rule, modelVersion, at}]->(:SourceRecord)
    (:MatchReview {id, leftKey, rightKey, weight, probability, rule, modelVersion, createdAt,
                   status: PENDING | APPROVED | REJECTED, decidedBy, decidedAt, reason,
                   personId, changedFields})   the last two: a correction's (graph.survivorship)
    (:Merge {id, survivorId, absorbedId, recordKeys, at, by, reason, reviewId,
             undoneAt, undoneBy, undoReason})
    (:Person {mergedInto})   a person absorbed by a merge, kept so the merge can be undone

Matching itself (domain.matching) is pure; this module applies its answer. A record already about a
person stays with them: a cluster that spans people already formed becomes review items, never a
silent merge, and a pair a person rejected is not put to anyone again.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from neo4j import AsyncManagedTransaction

from graph import records, survivorship
from graph._cypher import Tx, fetch, fetch_collected, fetch_paged


@dataclass(frozen=True)
class Pair:
    """Two source records the matcher scored (keys are SourceRecord.sourceKey)."""

    left: str
    right: str
    weight: float
    probability: float
    rule: str


@dataclass(frozen=True)
class Applied:
    people_created: int
    records_attached: int
    links: int
    reviews_added: int


@dataclass(frozen=True)
class Review:
    id: str
    left_key: str
    right_key: str
    left_person_id: str | None
    right_person_id: str | None
    weight: float
    probability: float
    rule: str
    model_version: str
    created_at: dt.datetime
    status: str
    decided_by: str | None
    reason: str | None
    changed_fields: tuple[str, ...] = ()  # a correction's: what it changed beyond a typo


@dataclass(frozen=True)
class Merge:
    id: str
    survivor_id: str
    absorbed_id: str
    at: dt.datetime
    by: str
    reason: str
    undone_at: dt.datetime | None


def _pair_key(a: str, b: str) -> str:
    return "\u241f".join(sorted((a, b)))  # a separator no source key contains


_PEOPLE_OF = """
UNWIND $keys AS key
MATCH (s:SourceRecord {sourceKey: key})
OPTIONAL MATCH (s)-[:ABOUT]->(p:Person)
OPTIONAL MATCH (s)-[:SUPPLIED_BY]->(o:Organisation)
RETURN collect({key: key, person: p.id, sector: o.sector, received: toString(s.receivedAt),
                given: s.givenName, family: s.familyName, born: toString(s.dateOfBirth),
                sex: s.sex}) AS rows
"""

# A new person has no consent yet, and their consent summary says so (graph.consent_summary).
_NEW_PEOPLE = """
UNWIND $people AS person
CREATE (p:Person {id: person.id, givenName: person.givenName, familyName: person.familyName,
                  nameKey: person.nameKey,
                  dateOfBirth: person.dateOfBirth, sex: person.sex, createdBy: 'matching',
                  consentUntil: date('9999-12-31')})
"""

_ATTACH = """
UNWIND $rows AS row
MATCH (s:SourceRecord {sourceKey: row.key}), (p:Person {id: row.person})
WHERE NOT EXISTS { (s)-[:ABOUT]->(:Person) }
CREATE (s)-[:ABOUT]->(p)
"""

_LINK = """
UNWIND $pairs AS pair
MATCH (a:SourceRecord {sourceKey: pair.left}), (b:SourceRecord {sourceKey: pair.right})
MERGE (a)-[m:MATCHES]->(b)
SET m.weight = pair.weight, m.probability = pair.probability, m.rule = pair.rule,
    m.modelVersion = $modelVersion, m.at = datetime()
"""

# A pair already reviewed (either way) or already queued is not queued again.
_QUEUE = """
UNWIND $pairs AS pair
MERGE (r:MatchReview {pair: pair.key})
ON CREATE SET r.id = pair.id, r.leftKey = pair.left, r.rightKey = pair.right,
              r.weight = pair.weight, r.probability = pair.probability, r.rule = pair.rule,
              r.modelVersion = $modelVersion, r.createdAt = datetime(), r.status = 'PENDING',
              r.new = true
WITH r WHERE r.new
REMOVE r.new
RETURN count(r) AS added
"""


async def apply(
    tx: AsyncManagedTransaction,
    clusters: Sequence[frozenset[str]],
    links: Sequence[Pair],
    review: Sequence[Pair],
    model_version: str,
) -> Applied:
    """Give every record in ``clusters`` a person: the one its cluster already has (who then takes
    afresh what all their records say), else a new one, as the cluster's records say
    (``graph.survivorship``); store the links; queue the reviews, and a review for each pair of
    people one cluster would join."""
    keys = [key for cluster in clusters for key in cluster]
    found = {r["key"]: r for r in await fetch_collected(tx, _PEOPLE_OF, keys=keys)}
    new_people: list[dict[str, Any]] = []
    attach: list[dict[str, str]] = []
    touched: set[str] = set()
    queued = list(review)
    for cluster in clusters:
        members = [found[k] for k in sorted(cluster) if k in found]
        if not members:
            continue
        people = sorted({m["person"] for m in members if m["person"]})
        if people:
            person = people[0]
            # Two people one cluster would join: a person decides, not the model.
            anchors = {p: next(m["key"] for m in members if m["person"] == p) for p in people}
            for other in people[1:]:
                queued.append(Pair(anchors[person], anchors[other], 0.0, 0.0, "cluster"))
            touched |= set(people)
        else:
            person = str(uuid.uuid4())
            new_people.append({"id": person, **survivorship.values_of(members)})
        attach += [{"key": m["key"], "person": person} for m in members if not m["person"]]
    if new_people:
        await fetch(tx, _NEW_PEOPLE, people=new_people)
    if attach:
        await fetch(tx, _ATTACH, rows=attach)
    # A person formed before takes their attributes afresh (records joined them, or the rule
    # changed since); one already right is not written again.
    await survivorship.recompute(tx, touched)
    if links:
        await fetch(tx, _LINK, pairs=[_pair_row(p) for p in links], modelVersion=model_version)
    added = 0
    if queued:
        rows = await fetch(
            tx, _QUEUE, pairs=[_pair_row(p) for p in queued], modelVersion=model_version
        )
        added = int(rows[0]["added"]) if rows else 0
    return Applied(len(new_people), len(attach), len(links), added)


def _pair_row(p: Pair) -> dict[str, Any]:
    return {
        "key": _pair_key(p.left, p.right),
        "id": str(uuid.uuid4()),
        "left": p.left,
        "right": p.right,
        "weight": p.weight,
        "probability": p.probability,
        "rule": p.rule,
    }


_REVIEWS = """
MATCH (r:MatchReview {status: $status})
WHERE $after IS NULL OR r.createdAt > datetime($after)
   OR (r.createdAt = datetime($after) AND r.id > $afterId)
WITH r ORDER BY r.createdAt, r.id LIMIT $limit
OPTIONAL MATCH (:SourceRecord {sourceKey: r.leftKey})-[:ABOUT]->(lp:Person)
OPTIONAL MATCH (:SourceRecord {sourceKey: r.rightKey})-[:ABOUT]->(rp:Person)
RETURN collect(r {.*, leftPerson: lp.id, rightPerson: coalesce(r.personId, rp.id)}) AS reviews
"""

_REVIEW = """
MATCH (r:MatchReview {id: $id})
OPTIONAL MATCH (:SourceRecord {sourceKey: r.leftKey})-[:ABOUT]->(lp:Person)
OPTIONAL MATCH (:SourceRecord {sourceKey: r.rightKey})-[:ABOUT]->(rp:Person)
RETURN collect(r {.*, leftPerson: lp.id, rightPerson: coalesce(r.personId, rp.id)}) AS reviews
"""


def _review(r: Any) -> Review:
    return Review(
        id=r["id"],
        left_key=r["leftKey"],
        right_key=r["rightKey"],
        left_person_id=r.get("leftPerson"),
        right_person_id=r.get("rightPerson"),
        weight=float(r["weight"]),
        probability=float(r["probability"]),
        rule=r["rule"],
        model_version=r["modelVersion"],
        created_at=records.native(r["createdAt"]),
        status=r["status"],
        decided_by=r.get("decidedBy"),
        reason=r.get("reason"),
        changed_fields=tuple(r.get("changedFields") or ()),
    )


async def reviews(tx: Tx, status: str, after: tuple[str, str] | None, limit: int) -> list[Review]:
    """The queue (or its decided items), oldest first, after a keyset position."""
    rows = await fetch_collected(
        tx,
        _REVIEWS,
        status=status,
        after=after[0] if after else None,
        afterId=after[1] if after else None,
        limit=limit,
    )
    return [_review(r) for r in rows]


async def review_by_id(tx: Tx, review_id: str) -> Review | None:
    rows = await fetch_collected(tx, _REVIEW, id=review_id)
    return _review(rows[0]) if rows else None


# Locks the review, then moves every record of the absorbed person to the survivor.
_DECIDE = """
MATCH (r:MatchReview {id: $id})
SET r._lock = true REMOVE r._lock
WITH r WHERE r.status = 'PENDING'
SET r.status = $status, r.decidedBy = $userId, r.decidedAt = datetime(), r.reason = $reason
RETURN r.leftKey AS left, r.rightKey AS right, r.rule AS rule
"""

_MERGE = """
MATCH (:SourceRecord {sourceKey: $left})-[:ABOUT]->(survivor:Person)
MATCH (:SourceRecord {sourceKey: $right})-[:ABOUT]->(absorbed:Person)
WHERE survivor <> absorbed
SET absorbed._lock = true REMOVE absorbed._lock
WITH survivor, absorbed
MATCH (s:SourceRecord)-[a:ABOUT]->(absorbed)
WITH survivor, absorbed, collect(s) AS moved, collect(a) AS abouts
FOREACH (a IN abouts | DELETE a)
FOREACH (s IN moved | CREATE (s)-[:ABOUT]->(survivor))
SET absorbed.mergedInto = survivor.id
CREATE (m:Merge {id: $mergeId, survivorId: survivor.id, absorbedId: absorbed.id,
                 recordKeys: [s IN moved | s.sourceKey], at: datetime(), by: $userId,
                 reason: $reason, reviewId: $reviewId})
RETURN m {.*} AS m
"""


class NotPending(Exception):
    """The review was decided already (or does not exist)."""


async def decide(
    tx: AsyncManagedTransaction, review_id: str, approve: bool, user_id: str, reason: str
) -> Merge | None:
    """Decide a pending review. Approving joins the two records' people (a reversible merge,
    answered) unless they are one person already; rejecting keeps them apart for good. A
    correction's review is settled by ``graph.survivorship.settle`` (no merge)."""
    rows = await fetch(
        tx,
        _DECIDE,
        id=review_id,
        status="APPROVED" if approve else "REJECTED",
        userId=user_id,
        reason=reason,
    )
    if not rows:
        raise NotPending(review_id)
    if rows[0]["rule"] == survivorship.CORRECTION:
        await survivorship.settle(tx, review_id, rows[0]["left"], approve)
        return None
    if not approve:
        return None
    merged = await fetch(
        tx,
        _MERGE,
        left=rows[0]["left"],
        right=rows[0]["right"],
        mergeId=str(uuid.uuid4()),
        userId=user_id,
        reason=reason,
        reviewId=review_id,
    )
    if not merged:
        return None
    merge = _merge(merged[0]["m"])
    await survivorship.recompute(tx, [merge.survivor_id])
    return merge


def _merge(m: Any) -> Merge:
    return Merge(
        id=m["id"],
        survivor_id=m["survivorId"],
        absorbed_id=m["absorbedId"],
        at=records.native(m["at"]),
        by=m["by"],
        reason=m["reason"],
        undone_at=records.native(m.get("undoneAt")),
    )


# The records the merge moved go back to the person they came from; records that arrived since
# stay with the survivor (a person can review them again).
_UNDO = """
MATCH (m:Merge {id: $id})
SET m._lock = true REMOVE m._lock
WITH m WHERE m.undoneAt IS NULL
MATCH (survivor:Person {id: m.survivorId}), (absorbed:Person {id: m.absorbedId})
OPTIONAL MATCH (s:SourceRecord)-[a:ABOUT]->(survivor) WHERE s.sourceKey IN m.recordKeys
WITH m, survivor, absorbed, collect(s) AS back, collect(a) AS abouts
FOREACH (a IN abouts | DELETE a)
FOREACH (s IN back | CREATE (s)-[:ABOUT]->(absorbed))
REMOVE absorbed.mergedInto
SET m.undoneAt = datetime(), m.undoneBy = $userId, m.undoReason = $reason
RETURN m {.*} AS m
"""


async def undo(
    tx: AsyncManagedTransaction, merge_id: str, user_id: str, reason: str
) -> Merge | None:
    """Undo a merge; None when there is no such merge or it was undone already."""
    rows = await fetch(tx, _UNDO, id=merge_id, userId=user_id, reason=reason)
    if not rows:
        return None
    merge = _merge(rows[0]["m"])
    await survivorship.recompute(tx, [merge.survivor_id, merge.absorbed_id])
    return merge


# Paged (graph._cypher.fetch_paged), the date of birth as text: one result of every record, or
# the driver's own dates, would hold up the event loop while decoded.
_SOURCE_RECORDS = """
MATCH (s:SourceRecord) WHERE s.sourceKey > $after
WITH s ORDER BY s.sourceKey LIMIT $limit
RETURN max(s.sourceKey) AS last,
       collect(s {.sourceKey, .givenName, .familyName, .otherNames, .sex, .postcode, .town,
                  .uprn, .nhsNumber, .upn, dateOfBirth: toString(s.dateOfBirth)}) AS rows
"""


async def source_records(tx: Tx) -> list[dict[str, Any]]:
    """Every record partners' uploads supplied, with the values matching compares (the date of
    birth as ISO text: ``records.day`` reads it)."""
    return await fetch_paged(tx, _SOURCE_RECORDS)
