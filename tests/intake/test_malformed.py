"""Files refused as a whole: each code, with a message that says what to do."""

from __future__ import annotations

import codecs
import json
from typing import Any

import pytest

from intake import Format, MalformedCode, MalformedFile, parse
from tests.intake.samples import KNOWN, TODAY, csv_text, good, jsonl_text

GOOD_CSV = csv_text([good(1), good(2)]).encode()
GOOD_JSONL = jsonl_text([good(1), good(2)]).encode()
HEADER = GOOD_CSV.split(b"\n")[0]

# (code, bytes, parse options, a fragment the message must contain)
CASES: list[tuple[MalformedCode, bytes, dict[str, Any], str]] = [
    (MalformedCode.EMPTY, b"", {"format": "csv"}, "empty"),
    (MalformedCode.EMPTY, b"", {"format": "jsonl"}, "empty"),
    (MalformedCode.EMPTY, codecs.BOM_UTF8 + b" \r\n\n", {"filename": "x.csv"}, "empty"),
    (MalformedCode.EMPTY, b"\n\n", {"filename": "x.jsonl"}, "empty"),
    (MalformedCode.TOO_LARGE, GOOD_CSV, {"max_bytes": 100}, "Split"),
    # Checked before decoding: these bytes are not UTF-8 either.
    (MalformedCode.TOO_LARGE, b"\xff" * 101, {"max_bytes": 100}, "100 bytes"),
    (MalformedCode.TOO_LARGE, GOOD_JSONL, {"format": "jsonl", "max_bytes": 100}, "Split"),
    (MalformedCode.NOT_UTF8, HEADER + b"\nR1,Jos\xe9", {"format": "csv"}, "on line 2"),
    (MalformedCode.NOT_UTF8, b'{"a": "\xe9"}', {"format": "jsonl"}, "offset 7 (counting"),
    (
        MalformedCode.NOT_UTF8,
        codecs.BOM_UTF8 + b"a\nb\xc3",
        {},
        "offset 6 (counting from 0, on line 2)",
    ),
    (MalformedCode.UNKNOWN_FORMAT, GOOD_CSV, {"filename": "list.xlsx"}, "CSV UTF-8"),
    (MalformedCode.UNKNOWN_FORMAT, GOOD_CSV, {"filename": "list.xml"}, "'.xml'"),
    (MalformedCode.UNKNOWN_FORMAT, GOOD_CSV, {"format": "xml"}, "'xml'"),
    (MalformedCode.MISSING_HEADER, GOOD_CSV.replace(b"postcode,", b""), {}, "postcode"),
    (MalformedCode.MISSING_HEADER, GOOD_CSV.replace(b"postcode,", b"post_code,"), {}, "post_code"),
    (MalformedCode.MISSING_HEADER, b"R1,Amelia,Hughes\nR2,Ben,Hughes\n", {}, "not a header"),
    (MalformedCode.MISSING_HEADER, HEADER.replace(b",", b";") + b"\n", {}, "commas"),
    # Lines of empty cells are blank lines (SCHEMA.md), so this file has only blank lines.
    (MalformedCode.EMPTY, b",,,\n ,\n", {"format": "csv"}, "empty"),
    (MalformedCode.MISSING_HEADER, b"other_names,town\nJane,Exeter\n", {}, "given_name"),
    # A headerless file: its first row is data, never a header of unknown or repeated columns.
    (MalformedCode.NO_HEADER, b"\n".join(GOOD_CSV.split(b"\n")[1:]), {}, "no header"),
    (MalformedCode.NO_HEADER, b"R1,Amelia,,Hughes,,\nR2,Ben,,Hughes,,\n", {}, "no header"),
    (MalformedCode.NO_HEADER, b"R1;Amelia;Hughes;EX4 4QJ\n", {}, "commas"),
    (MalformedCode.NO_ROWS, HEADER + b"\n\n", {}, "no rows"),
    (MalformedCode.UNKNOWN_COLUMNS, GOOD_CSV.replace(b",upn,", b",upn_no,"), {}, "upn_no"),
    (
        MalformedCode.UNKNOWN_COLUMNS,
        GOOD_JSONL + json.dumps({"nhs_no": "1"}).encode(),
        {},
        "'nhs_no' (line 3)",
    ),
    (MalformedCode.DUPLICATE_COLUMNS, HEADER + b",Town\n", {}, "town"),
    (MalformedCode.NOT_CSV, GOOD_CSV + b"\x00\x01", {}, "NUL"),
    (MalformedCode.NOT_CSV, GOOD_CSV + b'R3,"Amelia\nR4,Ben\nR5,Cy\n', {}, "line 4"),
    (MalformedCode.NOT_CSV, HEADER + b"\na;b;c\nd;e;f\nR3,x\n", {}, "3 of 3 rows"),
    (MalformedCode.NOT_CSV, b'"partner_reference"x,given_name\n', {}, "header"),
    (MalformedCode.NOT_JSONL, b'[{"a": 1},\n {"b": 2}]\n', {}, "JSON array"),
    (MalformedCode.NOT_JSONL, b'{\n  "partner_reference": "R1"\n}\n', {}, "one object per line"),
    (MalformedCode.NOT_JSONL, GOOD_CSV, {"format": "jsonl"}, "one object per line"),
    (MalformedCode.TOO_MANY_ROWS, GOOD_CSV, {"max_rows": 1}, "at most 1 rows"),
    (MalformedCode.TOO_MANY_ROWS, GOOD_JSONL, {"max_rows": 1}, "at most 1 rows"),
]


@pytest.mark.parametrize(("code", "data", "options", "fragment"), CASES)
def test_a_malformed_file_is_refused_with_its_code_and_advice(
    code: MalformedCode, data: bytes, options: dict[str, Any], fragment: str
) -> None:
    with pytest.raises(MalformedFile) as caught:
        parse(data, known_criteria=KNOWN, today=TODAY, **options)
    assert caught.value.code is code
    assert fragment in caught.value.message
    assert str(caught.value).startswith(f"{code}: ")


def test_every_code_is_exercised() -> None:
    assert {case[0] for case in CASES} == set(MalformedCode)


@pytest.mark.parametrize(("fmt", "data"), [("csv", GOOD_CSV), ("jsonl", GOOD_JSONL)])
def test_limits_are_inclusive(fmt: Format, data: bytes) -> None:
    upload = parse(
        data, format=fmt, known_criteria=KNOWN, today=TODAY, max_bytes=len(data), max_rows=2
    )
    assert len(upload.accepted) == 2


def test_the_byte_offset_of_bad_utf8_is_counted_in_the_raw_bytes() -> None:
    data = HEADER + b"\nR1,Jos\xe9"
    with pytest.raises(MalformedFile) as caught:
        parse(data, format="csv", known_criteria=KNOWN, today=TODAY)
    assert f"offset {len(HEADER) + 7} (counting from 0, on line 2)" in caught.value.message


@pytest.mark.parametrize(
    "first_line",
    [
        b"HSG-1,Amelia,Hughes,,2011-04-23,female,12 Fore Street,,Exeter,EX4 4QJ,,,,CR1,2024-03-01",
        b"Amelia,Hughes,,,EX4 4QJ",
        b"Amelia,Hughes,Hughes,Hughes",  # names repeated: never a header naming them twice
        b"Amelia Hughes,Jane Smith DV risk",
    ],
)
def test_a_first_line_that_is_not_a_header_is_never_repeated_back(first_line: bytes) -> None:
    with pytest.raises(MalformedFile) as caught:
        parse(first_line + b"\n" + first_line + b"\n", known_criteria=KNOWN, today=TODAY)
    assert caught.value.code in {MalformedCode.NO_HEADER, MalformedCode.MISSING_HEADER}
    for value in first_line.decode().split(","):
        if value:
            assert value.lower() not in caught.value.message.lower(), caught.value.message
