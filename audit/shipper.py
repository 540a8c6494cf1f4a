"""Appends journalled disclosures to the hash-chained audit in Neo4j, each exactly once.

    shipper = Shipper(db)
    await shipper.append(batch)   # every record of batch is in the chain, in order, or this raises

The journal (audit.journal) ships its records through here, in batches, off the responses'
path. A record whose id the chain already holds is skipped, so shipping again after a failure or a
crash never writes one twice. The shipper remembers the head it last wrote: the next append is then
one statement that checks the head has not moved, instead of a locked read and an append; when
another process has moved it, the shipper falls back to that locked read (audit.chain guards the
chain either way). Whether each record's user held a break-glass grant when it was made is
settled here too, in one read for the batch (grants only expire, so the answer cannot change).
"""

from __future__ import annotations

import logging
from dataclasses import replace

from audit.chain import DISCLOSURES, Head, append, append_after, held_ids
from audit.record import Disclosure
from graph import break_glass
from graph.database import Database

_log = logging.getLogger(__name__)


class Shipper:
    """Appends batches of disclosures to one chain, remembering the head it last wrote."""

    def __init__(self, db: Database, chain: str = DISCLOSURES) -> None:
        self._db = db
        self._chain = chain
        self._head: Head | None = None

    async def append(self, batch: list[Disclosure], *, maybe_held: bool = True) -> None:
        """Append the records of ``batch`` the chain does not hold yet, in one transaction.

        ``maybe_held=False``: the caller knows no earlier attempt may have written any of them
        (none was tried before, and none comes from a dead process's journal), so the chain is
        not asked which it holds."""
        fresh = batch
        if maybe_held:
            held = await self._db.read(held_ids, [d.id for d in batch])
            fresh = [d for d in batch if d.id not in held]
        if not fresh:
            return
        glass = await self._db.read(
            break_glass.held_at, [(d.id, d.user_id, d.occurred_at) for d in fresh]
        )
        fresh = [replace(d, break_glass=True) if d.id in glass else d for d in fresh]
        try:
            self._head = await self._append(fresh)
        except Exception:
            # The outcome of a failed commit is unknown: read the head afresh next time.
            self._head = None
            raise

    async def _append(self, batch: list[Disclosure]) -> Head:
        if self._head is not None:
            moved_to = await self._db.write_statement(append_after, batch, self._head, self._chain)
            if moved_to is not None:
                return moved_to
            _log.info("audit chain head moved by another writer; reading it again")
        head: Head = await self._db.write(append, batch, self._chain)
        return head
