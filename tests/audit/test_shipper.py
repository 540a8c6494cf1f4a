"""The audit's shipper on the real Neo4j: batches append in order, a record already in the chain is
not written again, and the chain stays whole when another writer moves its head."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any

import pytest

from audit import chain as audit_chain
from audit.record import Disclosure
from audit.shipper import Shipper
from graph.database import Database

T0 = dt.datetime(2026, 5, 1, 8, 0, tzinfo=dt.UTC)


class _CountingWrites(Database):
    """The real database, counting write transactions (how many flushes the records cost)."""

    def __init__(self, db: Database) -> None:
        super().__init__(db.driver, db.name)
        self.writes = 0

    async def write(self, work: Callable[..., Awaitable[Any]], *args: Any, **kwargs: Any) -> Any:
        self.writes += 1
        return await super().write(work, *args, **kwargs)


def _disclosure(n: int) -> Disclosure:
    return Disclosure(
        request_id=f"req-{n}",
        user_id="u-writer",
        organisation_id="org-1",
        purpose="coordinate-support",
        lawful_basis="CONSENT",
        justification=None,
        special_condition=None,
        person_ids=(),
        data_classes=("identity",),
        policy_version="test",
        occurred_at=T0 + dt.timedelta(seconds=n),
    )


async def _in_order(db: Database, chain: str, key: str) -> list[Any]:
    """One property of each record, in chain order."""
    async with db.driver.session(database=db.name) as session:
        result = await session.run(
            "MATCH (d:Disclosure {chain: $chain}) RETURN d[$key] AS v ORDER BY d.sequence",
            chain=chain,
            key=key,
        )
        return [record["v"] async for record in result]


async def _requests(db: Database, chain: str) -> list[str]:
    return await _in_order(db, chain, "requestId")


async def test_a_batch_is_appended_in_order_and_never_twice(db: Database) -> None:
    chain = f"writer-{uuid.uuid4().hex}"
    counting = _CountingWrites(db)
    writer = Shipper(counting, chain)
    batch = [_disclosure(n) for n in range(60)]
    await writer.append(batch)
    await writer.append([*batch[50:], _disclosure(60)])  # shipped again after a crash, and one new
    assert await _requests(db, chain) == [f"req-{n}" for n in range(61)]
    assert counting.writes <= 1  # the second append was one statement after the remembered head
    report = await db.read(audit_chain.verify, chain)
    assert (report.ok, report.checked) == (True, 61)


async def test_another_writer_moving_the_head_is_caught_up_with(db: Database) -> None:
    chain = f"writer-{uuid.uuid4().hex}"
    writer = Shipper(db, chain)
    await writer.append([_disclosure(1)])
    await db.write(audit_chain.record, [_disclosure(2)], chain)  # e.g. another API process
    await writer.append([_disclosure(3)])
    assert await _requests(db, chain) == ["req-1", "req-2", "req-3"]
    assert (await db.read(audit_chain.verify, chain)).ok


async def test_a_failed_write_raises_and_the_next_one_succeeds(db: Database) -> None:
    chain = f"writer-{uuid.uuid4().hex}"
    writer = Shipper(db, chain)
    await writer.append([_disclosure(1)])
    # A record squatting on the next place in the chain makes the real write fail (uniqueness).
    async with db.driver.session(database=db.name) as session:
        await (
            await session.run(
                "CREATE (:WriterBlocker:Disclosure {chainSequence: $c})", c=f"{chain}:2"
            )
        ).consume()
    try:
        with pytest.raises(Exception, match="already exists"):
            await writer.append([_disclosure(2)])
    finally:
        async with db.driver.session(database=db.name) as session:
            await (await session.run("MATCH (b:WriterBlocker) DELETE b")).consume()
    await writer.append([_disclosure(3)])
    assert await _requests(db, chain) == ["req-1", "req-3"]
    assert (await db.read(audit_chain.verify, chain)).ok


async def test_a_record_is_flagged_only_if_made_while_its_user_held_a_grant(db: Database) -> None:
    chain, user = f"writer-{uuid.uuid4().hex}", f"u-glass-{uuid.uuid4().hex}"
    async with db.driver.session(database=db.name) as session:
        await (
            await session.run(
                "CREATE (:BreakGlass {id: $id, userId: $user, grantedAt: $from, expiresAt: $to})",
                id=str(uuid.uuid4()),
                user=user,
                **{"from": T0 + dt.timedelta(seconds=10), "to": T0 + dt.timedelta(seconds=20)},
            )
        ).consume()
    made = [replace(_disclosure(n), user_id=user) for n in (5, 10, 19, 20)]
    made.append(_disclosure(15))  # another user, inside the window
    await Shipper(db, chain).append(made)
    flags = await _in_order(db, chain, "breakGlass")
    # Before the grant, from its start, up to its expiry, at expiry, another user.
    assert flags == [False, True, True, False, False]
    assert (await db.read(audit_chain.verify, chain)).ok


async def test_a_user_with_two_grants_is_flagged_only_inside_each(db: Database) -> None:
    # One lookup per user finds both grants of the batch's span; each record is then judged
    # against each grant, so the gap between them is not flagged.
    chain, user = f"writer-{uuid.uuid4().hex}", f"u-glass-{uuid.uuid4().hex}"
    async with db.driver.session(database=db.name) as session:
        for start, end in ((10, 20), (30, 40)):
            await (
                await session.run(
                    "CREATE (:BreakGlass {id: $id, userId: $user, grantedAt: $from, "
                    "expiresAt: $to})",
                    id=str(uuid.uuid4()),
                    user=user,
                    **{
                        "from": T0 + dt.timedelta(seconds=start),
                        "to": T0 + dt.timedelta(seconds=end),
                    },
                )
            ).consume()
    made = [replace(_disclosure(n), user_id=user) for n in (15, 25, 35, 45)]
    await Shipper(db, chain).append(made)
    flags = await _in_order(db, chain, "breakGlass")
    assert flags == [True, False, True, False]
    assert (await db.read(audit_chain.verify, chain)).ok
