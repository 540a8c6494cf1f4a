"""Jobs in a process of their own, so the process that serves requests never runs them.

A job (forming families, matching, assessing) decides with pure Python over hundreds of thousands
of records. In the serving process that work holds the interpreter lock and fills the collector's
generations, so every request it serves meanwhile waits its turn, however cheap: in a worker
thread the waits are short but many, and a single long step in C (sorting, building a large set
or dict) holds the lock until it ends. In a process of its own the job shares nothing with the
requests but the machine, and the operating system gives the serving process the processor as
soon as a request arrives (the job process runs at a lower priority).

    jobs = JobProcess(neo4j)                     # at start-up: no process until the first job
    formed = await jobs.run(households.form, viewer, Forming(today=date.today()))
    jobs.close()                                 # at shutdown

The process is started (by spawning a fresh interpreter, never by forking one that holds a
running event loop and its threads) when the first job arrives, and kept for the next. It reads
and writes Neo4j through a driver of its own, so what crosses between the processes is only the
job's input, its outcome and any error it raised, each pickled: a job is a module-level verb of
the usual shape, ``async def verb(db, actor, input) -> Outcome``. Jobs run one at a time, in the
order they arrive. If the process dies (killed, out of memory), the job it ran fails with
:class:`JobProcessLost` and the next job starts a new process.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import threading
from collections.abc import Awaitable, Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from graph import Database, Neo4jSettings

__all__ = ["JobProcess", "JobProcessLost"]

Actor = TypeVar("Actor")
Input = TypeVar("Input")
Outcome = TypeVar("Outcome")

JOB_NICENESS = 5  # how much lower than the serving process the job process is scheduled


class JobProcessLost(RuntimeError):
    """The job's process stopped before the job ended; what the job wrote so far stays (every job
    writes in idempotent batches, so running it again completes it)."""


class JobProcess:
    """One worker process for the jobs of one service, started when first needed."""

    def __init__(self, neo4j: Neo4jSettings) -> None:
        self._neo4j = neo4j
        self._lock = threading.Lock()
        self._executor: ProcessPoolExecutor | None = None

    async def run(
        self,
        verb: Callable[[Database, Actor, Input], Awaitable[Outcome]],
        actor: Actor,
        input: Input,
    ) -> Outcome:
        """``verb(db, actor, input)`` in the job process, on a database of its own; the verb's
        exceptions are raised here as they were there."""
        executor = self._running()
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(executor, _run, self._neo4j, verb, actor, input)
        except BrokenProcessPool as exc:
            self._forget(executor)
            raise JobProcessLost("the job's process stopped before the job ended") from exc

    def close(self) -> None:
        """Let the process go once the job it is running (if any) ends; jobs not yet begun are
        dropped."""
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)

    def _running(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._executor is None:
                self._executor = ProcessPoolExecutor(
                    max_workers=1,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_yield_to_requests,
                )
            return self._executor

    def _forget(self, broken: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._executor is broken:
                self._executor = None
        broken.shutdown(wait=False, cancel_futures=True)


def _yield_to_requests() -> None:
    """In the job process, once: a lower priority than the serving process's, so when both want
    the processor the operating system serves the request first."""
    os.nice(JOB_NICENESS)


def _run(
    neo4j: Neo4jSettings,
    verb: Callable[[Database, Actor, Input], Awaitable[Outcome]],
    actor: Actor,
    input: Input,
) -> Outcome:
    """In the job process: the verb on a driver made for it and closed after it."""

    async def job() -> Outcome:
        db = Database.connect(neo4j)
        try:
            return await verb(db, actor, input)
        finally:
            await db.close()

    return asyncio.run(job())
