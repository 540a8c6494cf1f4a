"""One process's writer of the audit: group commit, and a remembered chain head.

    writer = AuditWriter(db)
    await writer.append(disclosure)   # returns once the record is committed, or raises

Every response that discloses personal data waits for its record to be durable, and a commit
costs a flush of Neo4j's transaction log (about 5 ms here). Records that arrive while a write is
in flight wait together and go in the next transaction, so under load many responses share one
flush while each still waits for its own record's commit. The writer also remembers the head it
last wrote: the next append is then one statement that checks the head has not moved, instead of
a locked read and an append; when another process has moved it, the writer falls back to that
locked read (graph.audit guards the chain either way).
"""

from __future__ import annotations

import asyncio
import logging

from graph import audit
from graph.database import Database

_log = logging.getLogger(__name__)


class AuditWriter:
    def __init__(self, db: Database, chain: str = audit.DISCLOSURES, max_batch: int = 200) -> None:
        self._db = db
        self._chain = chain
        self._max_batch = max_batch
        self._waiting: list[tuple[audit.Disclosure, asyncio.Future[None]]] = []
        self._head: audit.Head | None = None
        self._flusher: asyncio.Task[None] | None = None

    async def append(self, disclosure: audit.Disclosure) -> None:
        """Append one disclosure; return when it is committed, raise if it could not be."""
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting.append((disclosure, done))
        if self._flusher is None or self._flusher.done():
            self._flusher = asyncio.create_task(self._flush())
        # Shielded: a caller that gives up must not cancel the write others are waiting on.
        await asyncio.shield(done)

    async def _flush(self) -> None:
        while self._waiting:
            batch = self._waiting[: self._max_batch]
            del self._waiting[: self._max_batch]
            try:
                self._head = await self._append([d for d, _ in batch])
            except asyncio.CancelledError:  # shutting down: nothing more will be written
                self._fail(batch + self._waiting, RuntimeError("the audit writer stopped"))
                self._waiting.clear()
                raise
            except Exception as exc:
                # The outcome of a failed commit is unknown: read the head afresh next time.
                self._head = None
                self._fail(batch, exc)
                continue
            for _, done in batch:
                if not done.done():
                    done.set_result(None)

    @staticmethod
    def _fail(batch: list[tuple[audit.Disclosure, asyncio.Future[None]]], exc: Exception) -> None:
        for _, done in batch:
            if not done.done():
                done.set_exception(exc)

    async def _append(self, batch: list[audit.Disclosure]) -> audit.Head:
        if self._head is not None:
            # One statement, committed on its own: a single round trip on the response's path.
            moved_to = await self._db.write_statement(
                audit.append_after, batch, self._head, self._chain
            )
            if moved_to is not None:
                return moved_to
            _log.info("audit chain head moved by another writer; reading it again")
        head: audit.Head = await self._db.write(audit.append, batch, self._chain)
        return head
