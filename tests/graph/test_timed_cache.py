"""The timed cache the register and the sectors use: never an entry past its time, and a key in
steady use read again in the background before it is due, so no request waits for Neo4j."""

from __future__ import annotations

import asyncio

import pytest

from graph import GraphUnavailable
from graph._timed_cache import TimedCache


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Source:
    """What Neo4j would answer: a value per read, counted; optionally held until released."""

    def __init__(self) -> None:
        self.reads = 0
        self.value = "first"
        self.fail = False
        self.gate: asyncio.Event | None = None

    async def read(self) -> str:
        self.reads += 1
        if self.gate is not None:
            await self.gate.wait()
        if self.fail:
            raise GraphUnavailable("down")
        return self.value


async def settled() -> None:
    for _ in range(5):
        await asyncio.sleep(0)


async def test_a_fresh_entry_is_used_without_reading_in_the_first_half_of_its_time() -> None:
    clock, source = Clock(), Source()
    cache = TimedCache[str, str](10.0, clock)
    assert await cache.get("k", source.read) == "first"
    clock.now += 4.9
    source.value = "second"
    assert await cache.get("k", source.read) == "first"
    await settled()
    assert source.reads == 1


async def test_in_the_second_half_the_entry_is_used_and_read_again_in_the_background() -> None:
    clock, source = Clock(), Source()
    cache = TimedCache[str, str](10.0, clock)
    await cache.get("k", source.read)
    clock.now += 6
    source.value = "second"
    assert await cache.get("k", source.read) == "first"  # the caller does not wait
    await settled()
    assert source.reads == 2
    clock.now += 9  # 15 s after the first read, 9 after the second began: fresh
    assert await cache.get("k", source.read) == "second"
    await settled()
    assert source.reads == 3  # and in its second half again: read once more, in the background


async def test_one_background_read_at_a_time_per_key() -> None:
    clock, source = Clock(), Source()
    cache = TimedCache[str, str](10.0, clock)
    await cache.get("k", source.read)
    source.gate = asyncio.Event()
    clock.now += 6
    for _ in range(5):
        await cache.get("k", source.read)
    await settled()
    assert source.reads == 2
    source.gate.set()
    await settled()


async def test_an_entry_is_never_used_past_its_time_even_while_its_refresh_is_held_up() -> None:
    clock, source = Clock(), Source()
    cache = TimedCache[str, str](10.0, clock)
    await cache.get("k", source.read)
    source.gate = asyncio.Event()
    clock.now += 6
    await cache.get("k", source.read)  # starts a background read that Neo4j holds up
    clock.now += 4  # the entry's time is up
    source.value = "second"
    waiting = asyncio.ensure_future(cache.get("k", source.read))
    await settled()
    assert not waiting.done()  # the request waits for Neo4j rather than use the stale entry
    source.gate.set()
    assert await waiting == "second"


async def test_the_time_runs_from_when_the_read_began() -> None:
    clock, source = Clock(), Source()
    cache = TimedCache[str, str](10.0, clock)
    source.gate = asyncio.Event()
    reading = asyncio.ensure_future(cache.get("k", source.read))
    await settled()
    clock.now += 8  # Neo4j took 8 s to answer
    source.gate.set()
    await reading
    source.gate = None
    clock.now += 2.5  # 10.5 s after the read began
    source.value = "second"
    assert await cache.get("k", source.read) == "second"


async def test_a_failed_background_read_leaves_the_entry_until_its_time_is_up() -> None:
    clock, source = Clock(), Source()
    cache = TimedCache[str, str](10.0, clock)
    await cache.get("k", source.read)
    source.fail = True
    clock.now += 6
    assert await cache.get("k", source.read) == "first"
    await settled()
    clock.now += 3.9
    assert await cache.get("k", source.read) == "first"
    clock.now += 0.2
    with pytest.raises(GraphUnavailable):
        await cache.get("k", source.read)


async def test_a_new_generation_reads_afresh_and_drops_a_read_in_flight() -> None:
    clock, source = Clock(), Source()
    generation = [0]
    cache = TimedCache[str, str](10.0, clock, generation=lambda: generation[0])
    await cache.get("k", source.read)
    source.gate = asyncio.Event()
    clock.now += 6
    await cache.get("k", source.read)  # a background read begins under generation 0
    await settled()
    generation[0] += 1  # the register changes while it is in flight
    source.value = "changed"
    source.gate.set()
    await settled()
    source.gate = None
    source.value = "after the change"
    assert await cache.get("k", source.read) == "after the change"


async def test_a_time_of_zero_reads_every_time() -> None:
    clock, source = Clock(), Source()
    cache = TimedCache[str, str](0.0, clock)
    await cache.get("k", source.read)
    await cache.get("k", source.read)
    assert source.reads == 2
