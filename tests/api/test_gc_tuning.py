"""The serving process's collector settings (api.gc_tuning)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from api.gc_tuning import YOUNGEST_THRESHOLD, tune_for_serving


@pytest.fixture
def restored_gc() -> Iterator[None]:
    thresholds = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)


@pytest.mark.usefixtures("restored_gc")
def test_tuning_freezes_start_up_objects_and_collects_the_young_less_often() -> None:
    _, middle, oldest = gc.get_threshold()
    tune_for_serving()
    assert gc.get_threshold() == (YOUNGEST_THRESHOLD, middle, oldest)
    assert gc.get_freeze_count() > 0
