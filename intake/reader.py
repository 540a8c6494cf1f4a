"""An uploaded file's bytes to a `ParsedUpload`: the one entry point of the intake package."""

from __future__ import annotations

import codecs
import hashlib
from datetime import date
from pathlib import PurePath

from intake._csv import read_csv
from intake._jsonl import read_jsonl
from intake.errors import MalformedCode, MalformedFile, empty
from intake.report import Format, ParsedUpload
from intake.validate import validate_records

__all__ = ["MAX_BYTES", "MAX_ROWS", "MalformedFile", "parse"]

MAX_BYTES = 20 * 2**20
MAX_ROWS = 200_000

_FORMATS: dict[str, Format] = {"csv": "csv", "jsonl": "jsonl"}
_SUFFIXES: dict[str, Format | None] = {
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    # Named loosely, so decided by content.
    "": None,
    ".txt": None,
    ".json": None,
}
_SPREADSHEETS = {".xlsx", ".xls", ".xlsm", ".ods", ".numbers"}


def parse(
    data: bytes,
    *,
    format: Format | None = None,
    filename: str | None = None,
    known_criteria: frozenset[str],
    max_bytes: int = MAX_BYTES,
    max_rows: int = MAX_ROWS,
    strict: bool = False,
    today: date,
) -> ParsedUpload:
    """Read one upload: every row ends up accepted or rejected, or `MalformedFile` is raised.

    The format is `format` if given, else the filename's suffix (.csv, .jsonl, .ndjson), else
    sniffed: a file whose first non-blank character is '{' (or '[') is JSON Lines. Only
    `MalformedFile` is ever raised, whatever the bytes.

    >>> upload = parse(body, filename="may.csv", known_criteria=codes, today=date.today())
    >>> upload.summary
    '120 rows read: 118 accepted, 2 rejected.'
    """
    if len(data) > max_bytes:
        raise MalformedFile(
            MalformedCode.TOO_LARGE,
            f"the file is {len(data)} bytes; the most accepted is {max_bytes} bytes. Split it "
            "into smaller files",
        )
    if not data:
        raise empty()
    declared = _declared_format(format, filename)
    text = _decode(data)
    if not text.strip():
        raise empty()
    chosen: Format = declared or ("jsonl" if text.lstrip()[0] in "{[" else "csv")
    if chosen == "csv":
        records = read_csv(text, max_rows=max_rows)
    else:
        records = read_jsonl(text, max_rows=max_rows)
    accepted, rejections = validate_records(records, known_criteria=known_criteria, today=today)
    return ParsedUpload(
        format=chosen,
        rows_read=len(records),
        accepted=() if strict and rejections else tuple(accepted),
        rejections=tuple(rejections),
        content_sha256=hashlib.sha256(data).hexdigest(),
        strict=strict,
    )


def _declared_format(format: str | None, filename: str | None) -> Format | None:
    # `format` often comes straight from a request, so its type is not trusted.
    if format is not None:
        if format in _FORMATS:
            return _FORMATS[format]
        raise MalformedFile(
            MalformedCode.UNKNOWN_FORMAT,
            f"the format {str(format)[:20]!r} is not accepted; send CSV ('csv') or JSON Lines "
            "('jsonl')",
        )
    if filename is None:
        return None
    suffix = PurePath(filename).suffix.lower()
    if suffix in _SUFFIXES:
        return _SUFFIXES[suffix]
    advice = (
        " Export the sheet as 'CSV UTF-8 (comma delimited)'." if suffix in _SPREADSHEETS else ""
    )
    raise MalformedFile(
        MalformedCode.UNKNOWN_FORMAT,
        f"files ending {suffix[:20]!r} are not accepted; send CSV (.csv) or JSON Lines "
        f"(.jsonl or .ndjson).{advice}",
    )


def _decode(data: bytes) -> str:
    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[bom:].decode("utf-8")
    except UnicodeDecodeError as error:
        offset = bom + error.start
        line = data.count(b"\n", 0, offset) + 1
        raise MalformedFile(
            MalformedCode.NOT_UTF8,
            f"the file is not UTF-8: the byte at offset {offset} (counting from 0, on line {line}) "
            "is not valid UTF-8. Save the file as UTF-8 (in Excel: 'CSV UTF-8 (comma "
            "delimited)')",
        ) from None
