"""Recognising the same person across partners' lists (Appendix 4, step 2): a job that gives every
record a person (``graph.matching``), with uncertain matches queued for the data team, and the
data team's decisions on that queue and on merges.

    summary = await match(db, actor, Matching())

Reads every record the uploads supplied; matches them with the pure rules and the committed model
(``domain.matching``: Splink on DuckDB) off the event loop, in a worker thread (DuckDB does most
of the work in C++ and lets go of the interpreter meanwhile); applies the answer in batches of
whole clusters, then the links and the review items in batches, each its own transaction
(``graph.matching.apply``). Matching is deterministic for a model version, so records matched
before land in the same clusters again, and applying is idempotent: a record already about a
person stays with them, a link or a review item is merged, never doubled. Each person takes
their names, date of birth and sex from all their records by the survivorship rule
(``graph.survivorship``), and again whenever a merge or its undoing moves records. A reader
between batches sees some records with a person and others not yet; a run that fails halfway is
completed by the next.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from graph import Database, Viewer
from graph import matching as repository
from graph.matching import Merge, NotPending, Review
from graph.records import day

if TYPE_CHECKING:
    from domain.matching import MatchRecord, MatchResult, ScoredPair

__all__ = [
    "BATCH_ROWS",
    "Amalgamated",
    "Decision",
    "Matching",
    "Merge",
    "NotPending",
    "Review",
    "Undoing",
    "decide",
    "match",
    "records_for_matching",
    "undo",
]

BATCH_ROWS = 2_000  # records (or pairs) a write transaction carries
T = TypeVar("T")


@dataclass(frozen=True)
class Matching:
    """Match every record partners' uploads supplied (nothing to choose yet)."""


@dataclass(frozen=True)
class Amalgamated:
    records: int
    people_created: int
    records_attached: int
    links: int
    reviews_added: int
    model_version: str
    seconds: float


@dataclass(frozen=True)
class Decision:
    review_id: str
    same_person: bool  # approve: the records join one person (a reversible merge)
    reason: str


@dataclass(frozen=True)
class Undoing:
    merge_id: str
    reason: str


async def match(db: Database, actor: Viewer, input: Matching) -> Amalgamated:
    """Give every record a person, as the committed model matches them."""
    # Imported here: Splink and DuckDB load only when the data team matches, not at start-up.
    from domain.matching import match as match_records

    started = time.perf_counter()
    rows = await db.read(repository.source_records)
    result: MatchResult = await asyncio.to_thread(lambda: match_records(records_for_matching(rows)))
    people = records = links = reviews = 0
    for clusters in _batches(result.clusters, BATCH_ROWS, len):
        applied = await db.write(repository.apply, clusters, [], [], result.model_version)
        people += applied.people_created
        records += applied.records_attached
    for pairs in _batches([_pair(p) for p in result.links], BATCH_ROWS):
        links += (await db.write(repository.apply, [], pairs, [], result.model_version)).links
    for pairs in _batches([_pair(p) for p in result.review], BATCH_ROWS):
        applied = await db.write(repository.apply, [], [], pairs, result.model_version)
        reviews += applied.reviews_added
    return Amalgamated(
        records=len(rows),
        people_created=people,
        records_attached=records,
        links=links,
        reviews_added=reviews,
        model_version=result.model_version,
        seconds=time.perf_counter() - started,
    )


async def decide(db: Database, actor: Viewer, input: Decision) -> Merge | None:
    """Decide a pending review as ``actor``: the merge an approval made, if any. Raises
    NotPending when there is no such review or it was decided already."""
    return await db.write(
        repository.decide, input.review_id, input.same_person, actor.user_id, input.reason
    )


async def undo(db: Database, actor: Viewer, input: Undoing) -> Merge | None:
    """Undo a merge as ``actor``; None when there is no such merge or it was undone already."""
    return await db.write(repository.undo, input.merge_id, actor.user_id, input.reason)


def records_for_matching(rows: Sequence[dict[str, Any]]) -> list[MatchRecord]:
    """The rows of ``graph.matching.source_records`` as matching reads them (no I/O; retraining
    the model on a database's records reads them so too)."""
    from domain.matching import MatchRecord

    return [
        MatchRecord(
            key=r["sourceKey"],
            given_name=r.get("givenName") or "",
            family_name=r.get("familyName") or "",
            other_names=r.get("otherNames"),
            date_of_birth=day(r.get("dateOfBirth")),
            sex=r.get("sex"),
            postcode=r.get("postcode"),
            uprn=r.get("uprn"),
            nhs_number=r.get("nhsNumber"),
            upn=r.get("upn"),
            town=r.get("town"),
        )
        for r in rows
    ]


def _one(_: object) -> int:
    return 1


def _batches(items: Sequence[T], rows: int, size: Callable[[T], int] = _one) -> Iterator[list[T]]:
    """``items`` in order, about ``rows`` of their sizes at a time."""
    batch: list[T] = []
    count = 0
    for item in items:
        if batch and count + size(item) > rows:
            yield batch
            batch, count = [], 0
        batch.append(item)
        count += size(item)
    if batch:
        yield batch


def _pair(p: ScoredPair) -> repository.Pair:
    return repository.Pair(
        p.left, p.right, float(p.match_weight), float(p.probability), str(p.rule)
    )
