"""What a format reader hands to validation: one row's raw values, or why it has none."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from intake.report import Rejection, RejectionCode


@dataclass(frozen=True, slots=True)
class RawRecord:
    """A row's values by field name, or the one rejection of a row that cannot be read.

    Values are strings, except `criteria`: a list of strings. Anything else is WRONG_TYPE. A row
    of the wrong shape (a ragged CSV row, a JSONL line that is no object) has no values.
    """

    row_number: int
    content: Mapping[str, object] | Rejection


def unreadable(row_number: int, code: RejectionCode, message: str) -> RawRecord:
    return RawRecord(row_number, Rejection(row_number, None, code, message))
