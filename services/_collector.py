"""The cyclic garbage collector while a job runs: its older generations wait for the job to end.

A job keeps hundreds of thousands of objects alive for as long as it runs: the records it read and
what its rules build from them. None of them is garbage before the job ends (reference counting
frees them then), yet every pass of the collector's middle and oldest generations walks all of
them, holding the interpreter lock the whole time: the event loop, and so every other request of
the process, waits for the walk. So while any job runs, only the youngest generation is collected
(a pass walks only what was made since the last one, so it stays short), and the older
generations' thresholds are put back when the last job ends. What requests make meanwhile is
still freed by reference counting, and cycles among it that die young by the youngest pass; only
cycles that outlive it wait for the job to end.

    @holding_older_collections
    async def form(db, actor, input): ...
"""

from __future__ import annotations

import functools
import gc
import threading
from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from typing import Any, ParamSpec, TypeVar

__all__ = ["holding_older_collections", "older_collections_held"]

_NEVER = 2**31 - 1  # a generation's threshold that its count does not reach during a job

_lock = threading.Lock()
_jobs = 0
_thresholds: tuple[int, int, int] | None = None

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def older_collections_held() -> Iterator[None]:
    """Within: only the youngest generation is collected, in this whole process. Nests, and
    jobs may overlap: the thresholds in force before the first are restored after the last."""
    global _jobs, _thresholds
    with _lock:
        if _jobs == 0:
            _thresholds = gc.get_threshold()
            gc.set_threshold(_thresholds[0], _NEVER, _NEVER)
        _jobs += 1
    try:
        yield
    finally:
        with _lock:
            _jobs -= 1
            if _jobs == 0 and _thresholds is not None:
                gc.set_threshold(*_thresholds)
                _thresholds = None


def holding_older_collections(
    job: Callable[P, Coroutine[Any, Any, R]],
) -> Callable[P, Coroutine[Any, Any, R]]:
    """``job``, run with :func:`older_collections_held`."""

    @functools.wraps(job)
    async def held(*args: P.args, **kwargs: P.kwargs) -> R:
        with older_collections_held():
            return await job(*args, **kwargs)

    return held
