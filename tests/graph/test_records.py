"""Temporal values as statements send them: as text (toString) or as the driver's own types."""

from __future__ import annotations

import datetime as dt

import neo4j.time

from graph.records import day, instant


def test_a_datetime_reads_the_same_as_text_or_as_the_drivers_type() -> None:
    utc = dt.datetime(2024, 4, 18, 11, 42, 0, 123456, tzinfo=dt.UTC)
    assert instant("2024-04-18T11:42:00.123456789Z") == utc
    assert instant(neo4j.time.DateTime(2024, 4, 18, 11, 42, 0, 123456000, tzinfo=dt.UTC)) == utc
    # A zone name after the offset is dropped; the offset keeps the instant.
    zoned = instant("2024-04-18T12:42:00.123456+01:00[Europe/London]")
    assert zoned == utc
    assert zoned is not None
    assert zoned.utcoffset() == dt.timedelta(hours=1)
    assert instant(None) is None


def test_a_date_reads_the_same_as_text_or_as_the_drivers_type() -> None:
    assert day("2024-04-18") == dt.date(2024, 4, 18)
    assert day(neo4j.time.Date(2024, 4, 18)) == dt.date(2024, 4, 18)
    assert day(None) is None
