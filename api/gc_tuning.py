"""The serving process's garbage collector: tuned once, after start-up, before the first request.

A request allocates tens of thousands of short-lived objects (GraphQL results, records, paths),
so with the default thresholds the cyclic collector ran several times per request, and its older
generations walked every object made at start-up (the schema, the policy, the driver) each time.
Freezing what start-up made and collecting the youngest generation less often makes every request
cheaper, for a little more memory between collections (BENCHMARKS.md has the figures).
"""

from __future__ import annotations

import gc

YOUNGEST_THRESHOLD = 50_000  # allocations between collections of the youngest generation (700)


def tune_for_serving() -> None:
    gc.collect()
    gc.freeze()
    _, middle, oldest = gc.get_threshold()
    gc.set_threshold(YOUNGEST_THRESHOLD, middle, oldest)
