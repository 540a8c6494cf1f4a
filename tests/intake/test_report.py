"""The report: nothing lost, strict mode, and fingerprints of files and rows."""

from __future__ import annotations

import hashlib
from dataclasses import replace

import pytest

from intake import Format, ParsedUpload, Rejection, RejectionCode
from tests.intake.samples import csv_text, good, jsonl_text, parse_text, rows_text

MIXED = [good(1), good(2, postcode="x", sex="y"), good(3), good(3), good(5, criteria="ZZ")]


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_every_row_read_is_accepted_or_rejected(fmt: Format) -> None:
    text = rows_text(MIXED, fmt) + ("not,enough\n" if fmt == "csv" else "[]\n")
    upload = parse_text(text, fmt)
    assert (upload.rows_read, len(upload.accepted), upload.rejected_rows) == (6, 2, 4)
    assert upload.rows_with_problems == 4
    assert len(upload.rejections) == 5  # the second row has two problems
    assert upload.summary == "6 rows read: 2 accepted, 4 rejected."
    assert not upload.strict_rejected


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_strict_mode_rejects_the_whole_file_but_lists_every_problem(fmt: Format) -> None:
    lenient = parse_text(rows_text(MIXED, fmt), fmt)
    strict = parse_text(rows_text(MIXED, fmt), fmt, strict=True)
    assert strict.strict_rejected
    assert strict.accepted == ()
    assert strict.rejections == lenient.rejections
    assert (strict.rows_read, strict.rejected_rows, strict.rows_with_problems) == (5, 5, 3)
    assert strict.summary.startswith("Strict mode rejected the whole file: 3 of 5 rows")


def test_strict_mode_accepts_a_file_without_problems() -> None:
    upload = parse_text(csv_text([good(1), good(2)]), "csv", strict=True)
    assert (len(upload.accepted), upload.rejected_rows, upload.strict_rejected) == (2, 0, False)


def test_a_report_that_would_lose_a_row_cannot_be_built() -> None:
    upload = parse_text(csv_text([good(1), good(2, postcode="x")]), "csv")
    with pytest.raises(AssertionError, match="1 accepted"):
        replace(upload, rows_read=3)
    extra = Rejection(2, None, RejectionCode.WRONG_TYPE, "")
    with pytest.raises(AssertionError, match="both accepted and rejected"):
        ParsedUpload("csv", 2, upload.accepted, (extra,), upload.content_sha256)


def test_content_sha256_is_of_the_raw_bytes() -> None:
    text = csv_text([good(1)])
    upload = parse_text(text, "csv")
    assert upload.content_sha256 == hashlib.sha256(text.encode()).hexdigest()
    assert parse_text(text, "csv").content_sha256 == upload.content_sha256
    assert parse_text(text + "\n", "csv").content_sha256 != upload.content_sha256


def test_a_row_sent_again_has_the_same_fingerprint_wherever_and_however_written() -> None:
    [first] = parse_text(csv_text([good(1)]), "csv").accepted
    again = good(1, postcode="ex4  4qj", nhs_number="9434765919", sex="F", criteria="SA1|cr1")
    [_, _, moved] = parse_text(jsonl_text([good(8), good(9), again]), "jsonl").accepted
    assert moved.row_number != first.row_number
    assert moved.row_sha256 == first.row_sha256
    assert len(first.row_sha256) == 64


def test_a_corrected_row_has_another_fingerprint() -> None:
    [first] = parse_text(csv_text([good(1)]), "csv").accepted
    changes = (
        {"town": "Exmouth"},
        {"upn": ""},
        {"criteria": "CR1"},
        {"expected_due_date": "2024-09-15"},
    )
    for change in changes:
        [corrected] = parse_text(csv_text([good(1, **change)]), "csv").accepted
        assert corrected.row_sha256 != first.row_sha256


def test_a_row_without_a_due_date_keeps_the_fingerprint_it_had_before_the_column() -> None:
    # Rows stored before expected_due_date existed must still read as unchanged when sent again.
    [row] = parse_text(csv_text([good(1, expected_due_date="")]), "csv").accepted
    assert row.row_sha256 == "721269424d632387abbd06ba00df2973e6c740971069bf3298f8e6beaa4b3e00"
    [dated] = parse_text(csv_text([good(1, expected_due_date="2024-09-15")]), "csv").accepted
    assert dated.row_sha256 != row.row_sha256


def test_the_row_fingerprint_is_pinned() -> None:
    # Changing it changes every stored fingerprint: bump ROW_HASH_VERSION if it must change.
    [row] = parse_text(csv_text([good(1)]), "csv").accepted
    assert row.row_sha256 == "721269424d632387abbd06ba00df2973e6c740971069bf3298f8e6beaa4b3e00"
