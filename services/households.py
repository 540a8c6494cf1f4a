"""Forming residences, households and families from the matched people's records (Appendix 4,
step 2): a job, in the shape every job has.

    formed = await form(db, actor, Forming(today=date.today()))

1. **Read** what the records say and what is stored (``graph.households``), a page at a time:
   the driver decodes each result whole on the event loop, so pages keep each decode short.
2. **Decide** with the pure rules (``domain.households``) off the event loop, in a worker thread
   (``asyncio.to_thread``). The rules are pure Python and hold the interpreter lock while they
   run, but the interpreter hands it to the event loop's thread whenever that thread asks (at
   most a switch interval later), so other requests are slowed, not stopped. The collector's
   older generations wait for the job to end (``services._collector``): walking the objects the
   job keeps alive would stop the event loop for the whole walk. A process pool
   would not share the lock, but it would pickle every record on the way in and every change on
   the way out, and pickling holds the lock for the whole list at once, which measured longer
   than any wait the thread causes (BENCHMARKS.md, forming families).
3. **Write** address by address, in bounded batches, each its own transaction
   (``graph.households.write_addresses``): every statement is idempotent, so a retried batch
   writes nothing twice.
4. **Families**: read the households living together now, decide the families they make, and
   write them in batches of whole families (a new family and its members in one transaction);
   members whose role no longer fits their date of birth (corrected since they joined, or come
   of age) take the fitting one, in batches.
5. **Report** what changed (``Formed``).

Between batches a reader sees some addresses as they were and others as the records now give
them, never half an address, and a new family never without its members; a person who moved is
for a moment at both addresses, or at neither, as the batches' order (by address key) has it, and
families are formed only once every address is written. A run that fails halfway leaves the
batches written so far: forming again reads what is stored, finds those addresses and families as
the records give them, and writes only the rest, so every run converges on the same account. Two
runs at the same time may each add what the other adds: the data team runs one at a time.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from domain.households import Changes, FamilyGroup, batches, changes, groups, recast
from graph import Database, Viewer
from graph import household_families as families_repository
from graph import households as repository
from services._collector import holding_older_collections

__all__ = ["BATCH_ROWS", "Formed", "Forming", "form"]

BATCH_ROWS = 2_000  # rows a write transaction carries (a household counts its members)


@dataclass(frozen=True)
class Forming:
    today: dt.date  # the day residences and households are superseded and families identified


@dataclass(frozen=True)
class Formed:
    people: int
    households: int  # living together now
    households_created: int
    households_ended: int
    shared_addresses: int
    families_created: int
    members_added: int
    linked_across_addresses: int
    roles_changed: int


@holding_older_collections
async def form(db: Database, actor: Viewer, input: Forming) -> Formed:
    """Residences, households and families for every matched person, as their records stand.
    ``actor`` is who runs it (the data team); it is the same for anyone."""
    rows = await db.read(repository.sightings)
    related = await db.read(repository.related)
    stored = await db.read(repository.stored)
    found = await asyncio.to_thread(_changes, rows, related, stored, input.today)
    for batch in batches(found.by_address, BATCH_ROWS):
        await db.write(repository.write_addresses, batch, input.today)
    now = await asyncio.to_thread(
        families_repository.occupied, await db.read(families_repository.households_now)
    )
    people = [p.person for h in now for p in h.people]
    links = await db.read(families_repository.links, people)
    made = await asyncio.to_thread(groups, now, links, input.today)
    joined = 0
    for family_batch in _family_batches(made, BATCH_ROWS):
        joined += await db.write(families_repository.join, family_batch, input.today)
    recasting = await asyncio.to_thread(recast, now, input.today)
    roles = 0
    for start in range(0, len(recasting), BATCH_ROWS):
        roles += await db.write(
            families_repository.recast, recasting[start : start + BATCH_ROWS], input.today
        )
    return Formed(
        people=found.people,
        households=len(now),
        households_created=found.households_created,
        households_ended=found.households_ended,
        shared_addresses=found.shared_addresses,
        families_created=sum(1 for g in made if g.new_id is not None),
        members_added=joined,
        linked_across_addresses=sum(g.relatives for g in made),
        roles_changed=roles,
    )


def _changes(
    rows: Sequence[Any], related: Sequence[Any], stored: repository.StoredRows, today: dt.date
) -> Changes:
    """The rules, on the rows as read (made the rules' input here, off the event loop too)."""
    return changes(
        repository.address_records(rows),
        repository.related_pairs(related),
        repository.stored_account(stored),
        today,
    )


def _family_batches(made: Sequence[FamilyGroup], rows: int) -> Iterator[list[FamilyGroup]]:
    """Whole families, about ``rows`` members at a time."""
    batch: list[FamilyGroup] = []
    size = 0
    for group in made:
        if batch and size + len(group.joining) > rows:
            yield batch
            batch, size = [], 0
        batch.append(group)
        size += len(group.joining) + 1
    if batch:
        yield batch
