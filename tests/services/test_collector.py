"""While a job runs, the collector's older generations wait (services._collector)."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Iterator

import pytest

from services._collector import holding_older_collections, older_collections_held


@pytest.fixture(autouse=True)
def thresholds() -> Iterator[tuple[int, int, int]]:
    before = gc.get_threshold()
    gc.set_threshold(50_000, 10, 10)
    yield gc.get_threshold()
    gc.set_threshold(*before)


def test_only_the_youngest_generation_is_collected_while_held(
    thresholds: tuple[int, int, int],
) -> None:
    with older_collections_held():
        youngest, middle, oldest = gc.get_threshold()
        assert youngest == thresholds[0]
        assert middle > 10**9
        assert oldest > 10**9
    assert gc.get_threshold() == thresholds


def test_overlapping_jobs_restore_the_thresholds_after_the_last(
    thresholds: tuple[int, int, int],
) -> None:
    first, second = older_collections_held(), older_collections_held()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)
    assert gc.get_threshold() != thresholds  # the second job still runs
    second.__exit__(None, None, None)
    assert gc.get_threshold() == thresholds


def test_a_failing_job_restores_the_thresholds(thresholds: tuple[int, int, int]) -> None:
    @holding_older_collections
    async def job() -> None:
        assert gc.get_threshold()[1] > 10**9
        raise RuntimeError("the job failed")

    with pytest.raises(RuntimeError, match="the job failed"):
        asyncio.run(job())
    assert gc.get_threshold() == thresholds
