"""Which format a file is read as: declared, named, or sniffed."""

from __future__ import annotations

from typing import Any

import pytest

from intake import parse
from tests.intake.samples import KNOWN, TODAY, csv_text, good, jsonl_text

CSV = csv_text([good(1)]).encode()
JSONL = jsonl_text([good(1)]).encode()


@pytest.mark.parametrize(
    ("data", "options", "expected"),
    [
        (CSV, {"filename": "list.csv"}, "csv"),
        (CSV, {"filename": "LIST.CSV"}, "csv"),
        (JSONL, {"filename": "list.jsonl"}, "jsonl"),
        (JSONL, {"filename": "list.ndjson"}, "jsonl"),
        (JSONL, {}, "jsonl"),
        (b"\n  " + JSONL, {"filename": "list.txt"}, "jsonl"),
        (JSONL, {"filename": "list.json"}, "jsonl"),
        (CSV, {}, "csv"),
        (CSV, {"filename": "list"}, "csv"),
        (CSV, {"format": "csv", "filename": "list.jsonl"}, "csv"),  # declared beats named
    ],
)
def test_format(data: bytes, options: dict[str, Any], expected: str) -> None:
    upload = parse(data, known_criteria=KNOWN, today=TODAY, **options)
    assert (upload.format, len(upload.accepted)) == (expected, 1)
