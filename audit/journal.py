"""The disclosures' write-ahead journal: a response waits for a local flush, not a Neo4j commit.

    journal = await AuditJournal.open(directory, db)
    await journal.append(disclosure)  # durable on this machine's disk when it returns, or raises
    await journal.shipped()           # everything appended so far is in Neo4j's chain
    await journal.close()

The agreement lets no personal data leave before its disclosure is recorded, so the record is on
every response's path (audit.recording writes it while the response waits on Neo4j where it
can). A Neo4j commit costs many times what writing a line and an ``fdatasync`` do
(BENCHMARKS.md). So the record is made durable here first, and a background
shipper appends it to the hash-chained audit in Neo4j (audit.chain, through audit.shipper) in
order, seconds at most later. Governance reads wait for ``shipped()`` first, so they see this
process's disclosures; other processes' arrive within their shipping interval.

Files: one segment per process, ``<database id>.<uuid>.jsonl``, held under an exclusive ``flock``
while the process lives, one JSON record per line. The database id (Neo4j's own, stable for a
store) keeps a journal from shipping to a database it was not written for. A segment left by a
process that died is unlocked: the next journal to open on that database ships what the chain
lacks (by record id, so a record shipped just before the crash is not written twice) and removes
it. A last line cut short by a crash never finished its flush, so no response waited for it and it
is dropped; any other unreadable line makes the segment ``.damaged``, kept for governance.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import fcntl
import logging
import os
import uuid
from pathlib import Path

from audit.chain import database_id
from audit.record import Disclosure
from audit.segments import SUFFIX, encode, read_segment
from audit.shipper import Shipper
from graph.database import Database
from graph.errors import GraphUnavailable

_log = logging.getLogger(__name__)


# Zeros laid down ahead of the records, a chunk at a time (audit.segments reads a
# segment up to its first zero byte, which no JSON line holds).
_ZERO_FILL = 2**20


class JournalError(RuntimeError):
    """A disclosure could not be made durable; the response that made it must not leave."""


@dataclasses.dataclass(frozen=True)
class Limits:
    max_batch: int = 500  # records per shipping transaction
    # Records are shipped in batches gathered over this long, not one by one: a batch indexes each
    # distinct person once (audit.chain), so a dashboard read again and again costs Neo4j a few
    # hundred index entries per batch rather than per response, on the cores the requests share.
    # Governance reads do not wait for it: shipped() ships at once.
    gather_ms: int = 2000
    # Records durable here but not yet in Neo4j; past this many (Neo4j away for long), new
    # disclosures are refused rather than held on one machine without end.
    max_backlog: int = 100_000
    # A segment this big starts afresh once everything in it is shipped, so the journal holds what
    # the chain lacks, not every disclosure ever (a page of people makes a large record).
    segment_bytes: int = 64 * 2**20


class AuditJournal:
    def __init__(self, directory: Path, db: Database, limits: Limits) -> None:
        self._directory = directory
        self._db = db
        self._shipper = Shipper(db)
        self._database_id = ""  # known once Neo4j has answered (see _started)
        self._limits = limits
        self._written = 0  # bytes of records in the segment: where the next one goes
        self._filled = 0  # bytes of the segment laid down as zeros or records
        self._path = directory
        self._fd = -1
        self._closed = False
        self._starting = asyncio.Lock()
        self._unshipped: list[Disclosure] = []
        # How many of the first unshipped records the chain may already hold: recovered from a
        # dead process, or in a shipment whose commit failed (its outcome unknown).
        self._maybe_held = 0
        # Records of concurrent responses waiting for the one write and sync they share, and the
        # task making it (see append).
        self._waiting: list[tuple[bytes, Disclosure, asyncio.Future[None]]] = []
        self._flusher: asyncio.Task[None] | None = None
        self._appended = 0  # appends asked for, ever
        self._settled = 0  # of those, how many were made durable or failed (in order)
        self._journalled = 0  # records made durable (or recovered), ever
        self._shipped_count = 0
        self._progress = asyncio.Condition()
        self._work = asyncio.Event()
        self._urgent = asyncio.Event()  # someone waits in shipped(): ship without gathering
        self._shipping: asyncio.Task[None] | None = None
        self._orphans: list[_Orphan] = []

    @classmethod
    async def open(
        cls, directory: Path, db: Database, limits: Limits | None = None
    ) -> AuditJournal:
        """A journal in ``directory``; raises JournalError if it cannot be written. Its segment
        opens, and dead processes' segments are taken over, as soon as Neo4j answers: now, or at
        the first disclosure (the service starts without Neo4j, and serves nothing personal
        until it is back)."""
        journal = cls(directory, db, limits or Limits())
        try:
            await asyncio.to_thread(directory.mkdir, parents=True, exist_ok=True)
        except OSError as exc:
            raise JournalError(f"the audit journal in {directory} cannot be written") from exc
        with contextlib.suppress(GraphUnavailable):
            await journal._started()
        return journal

    async def _started(self) -> None:
        async with self._starting:
            if self._closed:
                raise JournalError("the audit journal is closed")
            if self._fd >= 0:
                return
            self._database_id = await self._db.read(database_id)
            self._path = self._fresh_path()
            try:
                await asyncio.to_thread(self._open_segment)
            except OSError as exc:
                raise JournalError("the audit journal cannot be written") from exc
            await asyncio.to_thread(self._recover)
            self._shipping = asyncio.create_task(self._ship_forever())
            self._work.set()

    def _fresh_path(self) -> Path:
        return self._directory / f"{self._database_id}.{uuid.uuid4()}{SUFFIX}"

    def _open_segment(self) -> None:
        self._fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        self._filled = 0

    def fileno(self) -> int:
        return self._fd

    async def append(self, disclosure: Disclosure, *, shared: bool = False) -> None:
        """Return once the record is flushed to this machine's disk; raise JournalError if not.

        ``shared``: other responses are being made at the same time, so the record joins one write
        and sync made for all of them in a thread (the event loop serves the others meanwhile).
        Otherwise it is written on the event loop's own thread: between requests a response waits
        less for that than for the same write handed to a thread (the thread needs the
        interpreter lock the loop holds); but under load each such sync would stall every
        response in the process (BENCHMARKS.md)."""
        if self._fd < 0:
            await self._started()
        if len(self._unshipped) + len(self._waiting) >= self._limits.max_backlog:
            raise JournalError("the audit journal's backlog is full: Neo4j is not taking records")
        line = encode(disclosure)
        self._appended += 1
        if shared or self._flushing():
            # Never beside a flush in a thread: both would write at the same offset.
            done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            self._waiting.append((line, disclosure, done))
            if not self._flushing():
                self._flusher = asyncio.create_task(self._flush())
            # Shielded: a caller that gives up must not cancel the flush others are waiting on.
            await asyncio.shield(done)
            return
        self._settled += 1
        try:
            self._write(line)
        except OSError as exc:
            _log.error("could not write the audit journal: %s", exc)
            raise JournalError("the audit journal could not be written") from exc
        self._record_written([disclosure], len(line))

    def _flushing(self) -> bool:
        return self._flusher is not None and not self._flusher.done()

    def _record_written(self, disclosures: list[Disclosure], size: int) -> None:
        self._written += size
        self._unshipped.extend(disclosures)
        self._journalled += len(disclosures)
        self._work.set()

    async def _flush(self) -> None:
        # Everything that arrived while the previous flush ran goes out in one write and one sync.
        while self._waiting:
            batch, self._waiting = self._waiting, []
            try:
                await asyncio.to_thread(self._write, b"".join(line for line, _, _ in batch))
            except OSError as exc:
                _log.error("could not write the audit journal: %s", exc)
                written = False
            else:
                written = True
                self._record_written([d for _, d, _ in batch], sum(len(x) for x, _, _ in batch))
            async with self._progress:
                self._settled += len(batch)
                self._progress.notify_all()
            for _, _, done in batch:
                if done.done():
                    continue
                if written:
                    done.set_result(None)
                else:
                    done.set_exception(JournalError("the audit journal could not be written"))

    async def shipped(self) -> None:
        """Wait until every record appended (or recovered) so far is in Neo4j's chain."""
        appended = self._appended
        self._urgent.set()
        async with self._progress:
            await self._progress.wait_for(lambda: self._settled >= appended)
            journalled = self._journalled
            await self._progress.wait_for(lambda: self._shipped_count >= journalled)

    async def close(self, grace_seconds: float = 10.0) -> None:
        """Ship what can be shipped within ``grace_seconds``, then stop; anything left stays on disk
        for the next journal to open on this database."""
        if self._flusher is not None:
            await asyncio.shield(self._flusher)
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(grace_seconds):
                await self.shipped()
        if self._shipping is not None:
            self._shipping.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._shipping
        self._closed = True
        if self._fd >= 0:
            if not self._unshipped:
                self._path.unlink(missing_ok=True)
            os.close(self._fd)  # releases the lock: a later journal recovers what is left
            self._fd = -1

    def _write(self, data: bytes) -> None:
        # Written in place into zeros laid down beforehand, the file's size does not change, so
        # fdatasync has no metadata to commit and takes a fraction of what it does after an
        # append, above all at the tail (the technique of PostgreSQL's WAL segments; BENCHMARKS.md).
        # Between requests the disk takes longer to answer, either way.
        # A failed write leaves the offset where it was: the next one overwrites what it left.
        end = self._written + len(data)
        if end > self._filled:
            size = max(_ZERO_FILL, end - self._filled)
            self._pwrite_all(bytes(size), self._filled)
            os.fdatasync(self._fd)
            self._filled += size
        try:
            self._pwrite_all(data, self._written)
            os.fdatasync(self._fd)
        except OSError:
            # The record's bytes may still reach the file (a flush that failed, a write cut
            # short), and the next record goes in their place: if it is shorter, the rest of this
            # one would follow it, and a journal recovering the segment would take that for damage.
            # Zeros instead, made durable by the next record's flush.
            with contextlib.suppress(OSError):
                self._pwrite_all(bytes(len(data)), self._written)
            raise

    def _pwrite_all(self, data: bytes, offset: int) -> None:
        view = memoryview(data)
        while view:
            done = os.pwrite(self._fd, view, offset)
            view, offset = view[done:], offset + done

    def _recover(self) -> None:
        for path in sorted(self._directory.glob(f"{self._database_id}.*{SUFFIX}")):
            if path == self._path:
                continue
            fd = os.open(path, os.O_RDONLY)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:  # a live process's own segment
                os.close(fd)
                continue
            records, whole = read_segment(path)
            if not whole:
                path = path.rename(path.with_suffix(".damaged"))
                _log.error("audit journal has an unreadable line; kept as %s", path)
            self._unshipped.extend(records)
            self._maybe_held = len(self._unshipped)
            self._journalled += len(records)
            # Locked until shipped and removed, so no other process ships it meanwhile.
            self._orphans.append(_Orphan(path if whole else None, fd, self._journalled))
        if self._journalled:
            _log.info("recovering %d disclosures from earlier processes", self._journalled)

    async def _ship_forever(self) -> None:
        delay = 0.1
        while True:
            await self._work.wait()
            # asyncio.timeout, not wait_for: on 3.11 wait_for can swallow a cancellation that
            # arrives as the event is set, and close() would then wait for this task for ever.
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self._limits.gather_ms / 1000):
                    await self._urgent.wait()
            self._work.clear()
            self._urgent.clear()
            while self._unshipped:
                batch = self._unshipped[: self._limits.max_batch]
                try:
                    await self._shipper.append(batch, maybe_held=self._maybe_held > 0)
                except Exception as exc:
                    # Kept and tried again: durable here, the records wait for Neo4j to return.
                    _log.warning("could not ship %d disclosures (retrying): %s", len(batch), exc)
                    self._maybe_held = max(self._maybe_held, len(batch))
                    await asyncio.sleep(delay)
                    delay = min(delay * 2, 5.0)
                    continue
                delay = 0.1
                del self._unshipped[: len(batch)]
                self._maybe_held = max(0, self._maybe_held - len(batch))
                async with self._progress:
                    self._shipped_count += len(batch)
                    self._progress.notify_all()
                self._release_shipped_orphans()
            self._rotate_if_full()

    def _rotate_if_full(self) -> None:
        # Synchronous, between writes, with nothing unshipped: no write can reach the old segment
        # while it is swapped, and it holds nothing the chain lacks (a crash before the unlink
        # only makes the next journal skip records the chain already holds).
        if (
            self._written < self._limits.segment_bytes
            or self._unshipped
            or self._waiting
            or self._flushing()
        ):
            return
        old_fd, old_path = self._fd, self._path
        self._path = self._fresh_path()
        self._open_segment()
        self._written = 0
        os.close(old_fd)
        old_path.unlink(missing_ok=True)

    def _release_shipped_orphans(self) -> None:
        while self._orphans and self._orphans[0].upto <= self._shipped_count:
            orphan = self._orphans.pop(0)
            if orphan.path is not None:
                orphan.path.unlink(missing_ok=True)
            os.close(orphan.fd)


@dataclasses.dataclass(frozen=True)
class _Orphan:
    """A dead process's segment: removed once the first ``upto`` records are shipped."""

    path: Path | None  # None when damaged: renamed and kept, only its lock is let go
    fd: int
    upto: int
