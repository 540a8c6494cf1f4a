"""The disclosures' journal on a real disk and the real Neo4j: a record is durable before append
returns, reaches the chain exactly once and in order, survives its process dying, and a disk that
cannot take it refuses the disclosure."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import errno
import fcntl
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path

import pytest

from audit import chain as audit_chain
from audit import journal as audit_journal
from audit.journal import AuditJournal, JournalError, Limits
from audit.record import Disclosure
from audit.segments import encode, read_segment
from audit.shipper import Shipper
from graph.database import Database

T0 = dt.datetime(2026, 5, 1, 8, 0, tzinfo=dt.UTC)


def _disclosure(tag: str) -> Disclosure:
    return Disclosure(
        request_id=tag,
        user_id="u-journal",
        organisation_id="org-1",
        purpose="coordinate-support",
        lawful_basis="CONSENT",
        justification=None,
        special_condition=None,
        person_ids=("p-1", "p-2"),
        data_classes=("identity",),
        policy_version="test",
        occurred_at=T0,
    )


async def _in_chain(db: Database, tags: list[str]) -> list[str]:
    """The request ids of these tags the chain holds, in chain order (duplicates kept)."""
    async with db.driver.session(database=db.name) as session:
        result = await session.run(
            "MATCH (d:Disclosure {chain: 'disclosures'}) WHERE d.requestId IN $tags "
            "RETURN d.requestId AS r ORDER BY d.sequence",
            tags=tags,
        )
        return [record["r"] async for record in result]


def _files(directory: Path) -> list[Path]:
    return sorted(directory.iterdir())


async def _segment_name(db: Database) -> str:
    return f"{await db.read(audit_chain.database_id)}.{uuid.uuid4()}.jsonl"


@asynccontextmanager
async def _journal(
    directory: Path, db: Database, limits: Limits | None = None
) -> AsyncIterator[AuditJournal]:
    journal = await AuditJournal.open(directory, db, limits)
    try:
        yield journal
    finally:
        await journal.close(grace_seconds=1.0)


@contextmanager
def _disk_full(journal: AuditJournal) -> Iterator[None]:
    with _file_swapped(journal, "/dev/full"):
        yield


@contextmanager
def _file_swapped(journal: AuditJournal, device: str) -> Iterator[None]:
    fd = journal.fileno()
    kept, swapped = os.dup(fd), os.open(device, os.O_WRONLY)
    os.dup2(swapped, fd)
    try:
        yield
    finally:
        os.dup2(kept, fd)
        os.close(kept)
        os.close(swapped)


@asynccontextmanager
async def _chain_refused(db: Database) -> AsyncIterator[None]:
    """Neo4j refuses every append: a record squats on the chain's next place (uniqueness)."""
    async with db.driver.session(database=db.name) as session:
        head = await (
            await session.run("MATCH (c:AuditChain {name: 'disclosures'}) RETURN c.sequence AS s")
        ).single()
        place = f"disclosures:{(head['s'] if head else 0) + 1}"
        await (
            await session.run("CREATE (:JournalBlocker:Disclosure {chainSequence: $p})", p=place)
        ).consume()
    try:
        yield
    finally:
        async with db.driver.session(database=db.name) as session:
            await (await session.run("MATCH (b:JournalBlocker) DELETE b")).consume()


async def test_records_reach_the_chain_in_order_and_the_segment_goes(
    db: Database, tmp_path: Path
) -> None:
    tags = [f"j-order-{n}" for n in range(5)]
    async with _journal(tmp_path, db) as journal:
        for tag in tags:
            await journal.append(_disclosure(tag))
        await journal.shipped()
        assert await _in_chain(db, tags) == tags
    assert _files(tmp_path) == []  # all shipped: nothing left to recover
    assert (await db.read(audit_chain.verify)).ok


# A segment ends where its records end, or (laid down ahead of them) in zeros.
@pytest.mark.parametrize("zeros", [0, 4096])
async def test_a_dead_processs_journal_is_shipped_once_and_a_torn_last_line_dropped(
    db: Database, tmp_path: Path, zeros: int
) -> None:
    tags = [f"j-dead-{zeros}-{n}" for n in ("1", "2", "torn")]
    shipped_before_crash, pending = _disclosure(tags[0]), _disclosure(tags[1])
    async with _journal(tmp_path / "other", db) as other:
        await other.append(shipped_before_crash)
    segment = tmp_path / await _segment_name(db)
    torn = encode(_disclosure(tags[2]))[:40]
    segment.write_bytes(encode(shipped_before_crash) + encode(pending) + torn + bytes(zeros))
    async with _journal(tmp_path, db) as journal:
        await journal.shipped()
        assert not segment.exists()
    assert await _in_chain(db, tags) == tags[:2]
    assert (await db.read(audit_chain.verify)).ok


async def test_a_damaged_segment_ships_what_it_can_and_is_kept(
    db: Database, tmp_path: Path
) -> None:
    segment = tmp_path / await _segment_name(db)
    segment.write_bytes(encode(_disclosure("j-damaged-1")) + b"{not json\n")
    async with _journal(tmp_path, db) as journal:
        await journal.shipped()
    assert await _in_chain(db, ["j-damaged-1"]) == ["j-damaged-1"]
    assert [p.suffix for p in _files(tmp_path)] == [".damaged"]


async def test_segments_of_another_database_or_a_live_process_are_left_alone(
    db: Database, tmp_path: Path
) -> None:
    foreign = tmp_path / f"another-database.{uuid.uuid4()}.jsonl"
    foreign.write_bytes(encode(_disclosure("j-foreign")))
    live = tmp_path / await _segment_name(db)
    live.write_bytes(encode(_disclosure("j-live")))
    held = os.open(live, os.O_RDONLY)
    fcntl.flock(held, fcntl.LOCK_EX)
    try:
        async with _journal(tmp_path, db) as journal:
            await journal.shipped()
    finally:
        os.close(held)
    assert await _in_chain(db, ["j-foreign", "j-live"]) == []
    assert foreign.exists()
    assert live.exists()


@pytest.mark.parametrize(
    "device",
    [
        "/dev/full",  # a full disk: the write fails (ENOSPC)
        "/dev/null",  # a disk that takes the write but cannot make it durable: the flush fails
    ],
)
async def test_a_disk_that_cannot_take_or_flush_the_record_refuses_it(
    db: Database, tmp_path: Path, device: str
) -> None:
    tags = [f"j-refused-{device}", f"j-after-{device}"]
    async with _journal(tmp_path, db) as journal:
        with (
            _file_swapped(journal, device),
            pytest.raises(JournalError, match="could not be written"),
        ):
            await journal.append(_disclosure(tags[0]))
        await journal.append(_disclosure(tags[1]))
        await journal.shipped()
    assert await _in_chain(db, tags) == tags[1:]


async def test_a_record_whose_flush_failed_leaves_no_trace_in_the_segment(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The disk took the record into its cache, then reported an I/O error on the flush: its bytes
    # may still reach the file. A shorter record written in its place must not leave the rest of
    # it there, or a journal recovering the segment after a crash would take it for damage.
    long = dataclasses.replace(_disclosure("j-eio"), person_ids=tuple(f"p-{n}" for n in range(200)))
    failures = [OSError(errno.EIO, "Input/output error")]
    real = os.fdatasync

    def fdatasync(fd: int) -> None:
        if failures:
            raise failures.pop()
        real(fd)

    async with _chain_refused(db), _journal(tmp_path, db) as journal:
        await journal.append(_disclosure("j-before-eio"))
        monkeypatch.setattr(audit_journal.os, "fdatasync", fdatasync)
        with pytest.raises(JournalError, match="could not be written"):
            await journal.append(long)
        await journal.append(_disclosure("j-after-eio"))
        [segment] = _files(tmp_path)
        records, whole = read_segment(segment)
    assert whole
    assert [r.request_id for r in records] == ["j-before-eio", "j-after-eio"]


async def test_records_wait_for_neo4j_and_a_full_backlog_refuses_more(
    db: Database, tmp_path: Path
) -> None:
    async with _journal(tmp_path, db, Limits(max_backlog=2)) as journal:
        async with _chain_refused(db):
            await journal.append(_disclosure("j-wait-1"))
            await journal.append(_disclosure("j-wait-2"))
            with pytest.raises(JournalError, match="backlog is full"):
                await journal.append(_disclosure("j-wait-3"))
            assert await _in_chain(db, ["j-wait-1", "j-wait-2"]) == []
        await journal.shipped()
    assert await _in_chain(db, ["j-wait-1", "j-wait-2", "j-wait-3"]) == ["j-wait-1", "j-wait-2"]
    assert (await db.read(audit_chain.verify)).ok


async def test_a_shipment_committed_but_reported_failed_is_not_written_twice(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The connection drops after Neo4j committed: the journal cannot tell, ships the records
    # again, and the chain must hold each once (a shipment that never failed skips that check).
    tags = ["j-lost-ack-1", "j-lost-ack-2"]
    writer_append = Shipper.append
    acks_lost = 0

    async def commit_then_fail(
        self: Shipper, batch: list[Disclosure], *, maybe_held: bool = True
    ) -> None:
        nonlocal acks_lost
        await writer_append(self, batch, maybe_held=maybe_held)
        if acks_lost == 0:
            acks_lost += 1
            raise ConnectionResetError("the commit's answer was lost")

    monkeypatch.setattr(Shipper, "append", commit_then_fail)
    async with _journal(tmp_path, db) as journal:
        for tag in tags:
            await journal.append(_disclosure(tag))
        await journal.shipped()
        await journal.append(_disclosure("j-lost-ack-3"))
        await journal.shipped()
    assert acks_lost == 1
    assert await _in_chain(db, [*tags, "j-lost-ack-3"]) == [*tags, "j-lost-ack-3"]
    assert (await db.read(audit_chain.verify)).ok


async def test_closing_while_neo4j_refuses_leaves_the_records_for_the_next_journal(
    db: Database, tmp_path: Path
) -> None:
    async with _chain_refused(db):
        async with _journal(tmp_path, db) as journal:
            await journal.append(_disclosure("j-left"))
        [left] = _files(tmp_path)
    async with _journal(tmp_path, db) as journal:
        await journal.shipped()
    assert not left.exists()
    assert await _in_chain(db, ["j-left"]) == ["j-left"]


async def test_a_full_segment_starts_afresh_once_shipped(db: Database, tmp_path: Path) -> None:
    tags = [f"j-rotate-{n}" for n in range(3)]
    async with _journal(tmp_path, db, Limits(segment_bytes=1)) as journal:
        segments = []
        for tag in tags:
            await journal.append(_disclosure(tag))
            await journal.shipped()
            [segment] = _files(tmp_path)  # one at a time: the shipped one is gone
            segments.append(segment)
        assert len(set(segments)) == 3
    assert _files(tmp_path) == []
    assert await _in_chain(db, tags) == tags


async def test_a_journal_folder_that_cannot_be_made_is_a_clear_error_at_start(
    db: Database, tmp_path: Path
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    with pytest.raises(JournalError, match="cannot be written"):
        await AuditJournal.open(blocked / "journal", db)


async def test_a_live_segment_holds_exactly_its_records_as_it_grows(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Zeros laid down a few records at a time, so the segment grows several times.
    monkeypatch.setattr(audit_journal, "_ZERO_FILL", 1000)
    tags = [f"j-grow-{n}" for n in range(7)]
    async with _chain_refused(db), _journal(tmp_path, db) as journal:
        for tag in tags:
            await journal.append(_disclosure(tag))
        [segment] = _files(tmp_path)
        records, whole = read_segment(segment)
        assert whole
        assert [r.request_id for r in records] == tags
        assert segment.stat().st_size >= sum(len(encode(_disclosure(t))) for t in tags)


async def test_concurrent_responses_share_writes_and_every_record_is_whole(
    db: Database, tmp_path: Path
) -> None:
    # Shared appends go to a thread together; an unshared one arriving meanwhile joins them
    # rather than writing beside them at the same place in the file.
    tags = [f"j-shared-{n}" for n in range(12)]
    async with _chain_refused(db), _journal(tmp_path, db) as journal:
        await asyncio.gather(
            *(journal.append(_disclosure(tag), shared=n % 3 != 0) for n, tag in enumerate(tags))
        )
        await journal.append(_disclosure("j-shared-after"))  # alone again: on the loop's thread
        [segment] = _files(tmp_path)
        records, whole = read_segment(segment)
        assert whole
        assert sorted(r.request_id for r in records) == sorted([*tags, "j-shared-after"])


async def test_a_shared_write_the_disk_refuses_refuses_every_record_in_it(
    db: Database, tmp_path: Path
) -> None:
    async with _journal(tmp_path, db) as journal:
        with _disk_full(journal):
            results = await asyncio.gather(
                *(journal.append(_disclosure(f"j-full-{n}"), shared=True) for n in range(3)),
                return_exceptions=True,
            )
        assert all(isinstance(r, JournalError) for r in results)
        await journal.append(_disclosure("j-full-after"), shared=True)
        await journal.shipped()
    assert await _in_chain(db, ["j-full-0", "j-full-1", "j-full-2", "j-full-after"]) == [
        "j-full-after"
    ]
