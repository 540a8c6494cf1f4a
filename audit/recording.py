"""The disclosures a response makes, gathered while it is resolved and recorded before it leaves.

Each field of personal data that is served adds its data class and the people it concerns (the
``subject_ids`` of the object it belongs to). What is disclosed before the response's first wait on
Neo4j after its first disclosure is recorded during that wait (:class:`Recording`), so the
record's flush to disk overlaps Neo4j's work: a families page's `totalCount` is read after its rows
are decided, and the record's `fdatasync` then costs the response nothing.
Whatever is disclosed after that is recorded at the end, so a response has one record, or two
with the same request id. It leaves only once its records are durable (audit.journal, which
ships them to the hash-chained audit); if one cannot be made so, the response is replaced by an
error and no personal data is sent (a record made during the wait then names data that was
withheld after all: the audit may over-state a response, never under-state it). Whether the user
held a break-glass grant is settled when a record reaches the chain (audit.shipper): grants
only expire, so the record's time decides it, without a read on every response's path.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from audit.record import Disclosure
from auth import Principal
from policy.lawful_bases import LawfulBasis
from vocabulary import DataClass, Purpose

_log = logging.getLogger(__name__)


@dataclass
class Disclosed:
    classes: set[DataClass] = field(default_factory=set)
    people: dict[str, None] = field(default_factory=dict)  # ordered set: first seen first
    # What the disclosures rested on (consents, decisions to share without consent, the public
    # task), as references (graph.consent_scope); empty when all rest on the record's basis.
    rested_on: dict[str, None] = field(default_factory=dict)
    # Most fields of one object concern the same people: seen once, not once per field.
    _last_subjects: tuple[str, ...] | None = None
    _last_refs: tuple[str, ...] | None = None

    def add(self, data_class: DataClass, subjects: tuple[str, ...], refs: tuple[str, ...]) -> None:
        self.classes.add(data_class)
        if subjects is not self._last_subjects:
            self._last_subjects = subjects
            self.people.update(dict.fromkeys(subjects))
        if refs and refs is not self._last_refs:
            self._last_refs = refs
            self.rested_on.update(dict.fromkeys(refs))

    def record(
        self,
        principal: Principal,
        purpose: Purpose,
        lawful_basis: LawfulBasis,
        request_id: str,
        policy_version: str,
        condition_of: Callable[[frozenset[DataClass]], str | None] = lambda _: None,
    ) -> Disclosure | None:
        """The audit record of what was disclosed since the last record, or None when nothing
        was; what it records is then forgotten, so the next record holds only what follows.
        ``condition_of``: the standing condition special category data was read under, in a
        request that does not rest on consent."""
        if not self.classes:
            return None
        classes, people, rested_on = self.classes, self.people, self.rested_on
        self.classes, self.people, self.rested_on = set(), {}, {}
        self._last_subjects = self._last_refs = None
        return Disclosure(
            request_id=request_id,
            user_id=principal.user_id,
            organisation_id=principal.organisation_id,
            purpose=purpose.value,
            lawful_basis=lawful_basis.value,
            justification=None,
            special_condition=condition_of(frozenset(classes)),
            person_ids=tuple(people),
            data_classes=tuple(sorted(c.value for c in classes)),
            policy_version=policy_version,
            occurred_at=dt.datetime.now(dt.UTC),
            rested_on=tuple(rested_on),
        )


class Recording:
    """The records of one response: one made during its first wait on Neo4j after it disclosed
    something, and one at its end for anything disclosed after that.

    ``make`` turns what was disclosed since the last record into a record (None when nothing
    was); ``append`` makes a record durable, or raises. One record at most during waits: a
    query of several levels waits once per level, and a record per level would cost each
    response more writes without taking the last one off its path."""

    def __init__(
        self,
        make: Callable[[], Disclosure | None],
        append: Callable[[Disclosure], Awaitable[None]],
    ) -> None:
        self._make = make
        self._append = append
        self._pending: asyncio.Future[None] | None = None

    def while_waiting(self) -> None:
        """Start recording what was disclosed so far, the first time there is something (the
        request is about to wait on Neo4j)."""
        if self._pending is not None:
            return
        record = self._make()
        if record is not None:
            self._pending = asyncio.ensure_future(self._append(record))
            self._pending.add_done_callback(_retrieved)

    async def finish(self) -> None:
        """Record the rest, and return once every record of the response is durable; raise if
        one could not be made so (the rest is then not recorded: it will not be sent)."""
        if self._pending is not None:
            await self._pending
        record = self._make()
        if record is not None:
            await self._append(record)


def _retrieved(written: asyncio.Future[None]) -> None:
    # A response abandoned mid-way never awaits its records: their failures are logged here
    # instead of as "exception never retrieved".
    if not written.cancelled() and written.exception() is not None:
        _log.debug("a disclosure record made during a wait failed: %s", written.exception())
