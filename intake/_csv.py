"""CSV text to raw records: the header checked against the schema, each row at its first line.

Quoting is strict (RFC 4180): a quote may only open a cell and close it, and "" is a quote
inside a quoted cell. A row that breaks that rule is rejected on its own; a quote left open to
the end of the file swallows every later line, so that refuses the whole file.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter

from intake import identifiers
from intake._record import RawRecord, unreadable
from intake.errors import MalformedCode, MalformedFile, empty, too_many_rows
from intake.report import Rejection, RejectionCode
from intake.schema import FIELD_NAMES, REQUIRED_FIELDS

_CRITERIA_SEPARATORS = re.compile(r"[;|]")
_OTHER_SEPARATORS = re.compile(r"[;\t]")
_VALUE = re.compile(r"^[0-9]|[0-9]{3}")  # a date, a house number, an identifier
_EXPECTED_HEADER = ",".join(FIELD_NAMES)
_NAME_SHOWN = 40  # characters of an unknown column name repeated in a message
_NAMES_SHOWN = 10


def read_csv(text: str, *, max_rows: int) -> list[RawRecord]:
    if "\x00" in text:
        raise MalformedFile(
            MalformedCode.NOT_CSV,
            "the file contains NUL bytes, so it is binary (perhaps a spreadsheet), not CSV; "
            "export it as 'CSV UTF-8 (comma delimited)'",
        )
    lines = io.StringIO(text, newline="").readlines()
    reader = csv.reader(lines, strict=True)
    header: list[str] | None = None
    header_line = 0
    records: list[RawRecord] = []
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            if header is None:
                raise MalformedFile(
                    MalformedCode.NOT_CSV,
                    f"the header (line {start}) is not valid CSV ({error}); write it as column "
                    f"names separated by commas: {_EXPECTED_HEADER}",
                ) from None
            if reader.line_num > start and reader.line_num >= len(lines):
                raise _unclosed_quote(start) from None
            records.append(unreadable(start, RejectionCode.INVALID_CSV, _quote_advice(error)))
        else:
            if not any(cell.strip() for cell in cells):
                continue  # blank lines (and rows of empty cells) are not rows
            if header is None:
                header = _header(cells, start)
                header_line = start
                continue
            records.append(_record(start, header, cells))
        if len(records) > max_rows:
            raise too_many_rows(max_rows)
    if header is None:
        raise empty()  # every line was blank (or empty cells)
    if not records:
        raise MalformedFile(
            MalformedCode.NO_ROWS,
            f"the file has a header (line {header_line}) but no rows, so there is nothing to "
            "load; send the file with its rows",
        )
    _refuse_if_mostly_ragged(records)
    return records


def _header(cells: list[str], line: int) -> list[str]:
    names = [cell.strip().lower() for cell in cells]
    while names and not names[-1]:
        names.pop()  # spreadsheets often end the header with empty cells
    if _looks_like_data(names):
        # Not repeated back: the line is most likely a row of someone's data.
        raise MalformedFile(
            MalformedCode.NO_HEADER,
            f"the file has no header: its first line (line {line}) looks like a row of data "
            "(it names none of the schema's columns, and holds dates, numbers, postcodes or "
            f"empty cells).{_separator_hint(cells)} Add a first line naming the columns, e.g. "
            f"{_EXPECTED_HEADER} (if the header is on a later line, remove the lines above it)",
        )
    if not any(name in FIELD_NAMES for name in names):
        # Not repeated back either: a line naming no column we know may still be data.
        raise MalformedFile(
            MalformedCode.MISSING_HEADER,
            f"the first line (line {line}) is not a header: it names none of the schema's "
            f"columns.{_separator_hint(cells)} Add a first line naming the columns, e.g. "
            f"{_EXPECTED_HEADER}",
        )
    # An empty name is an unnamed column (below), not a name given twice.
    duplicates = sorted(name for name, count in Counter(names).items() if count > 1 and name)
    if duplicates:
        raise MalformedFile(
            MalformedCode.DUPLICATE_COLUMNS,
            f"the header (line {line}) names these columns more than once: "
            f"{_names(duplicates)}; keep one column of each",
        )
    unknown = [name or f"(unnamed column {i})" for i, name in enumerate(names, 1)]
    unknown = [shown for shown, name in zip(unknown, names, strict=True) if name not in FIELD_NAMES]
    missing = [name for name in FIELD_NAMES if name in REQUIRED_FIELDS and name not in names]
    if missing:
        also = f" Columns not in the schema (misspelt?): {_names(unknown)}." if unknown else ""
        raise MalformedFile(
            MalformedCode.MISSING_HEADER,
            f"the header (line {line}) lacks the required columns {_names(missing)}.{also} "
            f"The schema's columns are {_EXPECTED_HEADER}",
        )
    if unknown:
        # Refused, not ignored: a misspelt optional column ("nhs_no") would otherwise load every
        # row without that identifier, and columns outside the schema are data not agreed to.
        raise MalformedFile(
            MalformedCode.UNKNOWN_COLUMNS,
            f"the header (line {line}) has columns that are not in the schema: "
            f"{_names(unknown)}; rename them to schema names or remove them (the schema's "
            f"columns are {_EXPECTED_HEADER})",
        )
    return names


def _looks_like_data(names: list[str]) -> bool:
    """Whether a first line is a row of values rather than column names.

    A header names at least one of the schema's columns. A line that names none is data when a
    cell holds what only values hold: a date or a house number or an identifier (a leading
    digit, or a run of three digits, as in HSG-2024-00017), a postcode, or nothing at all between
    other cells (a header's columns all have names; rows leave optional cells empty).
    """
    if any(name in FIELD_NAMES for name in names):
        return False
    # A file separated by ';' or tabs reads as one cell a line: its parts are the cells.
    parts = [part.strip() for name in names for part in _OTHER_SEPARATORS.split(name)]
    return any(not name for name in names) or any(
        _VALUE.search(part) or identifiers.postcode(part) for part in parts
    )


def _separator_hint(cells: list[str]) -> str:
    if len(cells) == 1 and any(separator in cells[0] for separator in ";\t"):
        return " It looks separated by ';' or tabs: separate columns with commas."
    return ""


def _names(names: list[str]) -> str:
    shown = [name if len(name) <= _NAME_SHOWN else name[:_NAME_SHOWN] + "..." for name in names]
    more = len(shown) - _NAMES_SHOWN
    return ", ".join(shown[:_NAMES_SHOWN]) + (f" and {more} more" if more > 0 else "")


def _record(start: int, header: list[str], cells: list[str]) -> RawRecord:
    extra = cells[len(header) :]
    if len(cells) < len(header) or any(cell.strip() for cell in extra):
        return unreadable(
            start,
            RejectionCode.WRONG_COLUMN_COUNT,
            f"the row has {len(cells)} cells but the header has {len(header)} columns; put "
            "cells that contain commas in double quotes",
        )
    values: dict[str, object] = dict(zip(header, cells, strict=False))
    if "criteria" in values:
        values["criteria"] = _CRITERIA_SEPARATORS.split(str(values["criteria"]))
    return RawRecord(start, values)


def _quote_advice(error: csv.Error) -> str:
    return (
        f"the row is not valid CSV ({error}); a quote may only open and close a cell, and a "
        'quote inside a quoted cell is written twice ("")'
    )


def _refuse_if_mostly_ragged(records: list[RawRecord]) -> None:
    """Many rows of the wrong width mean the file was never CSV of this header, not bad rows."""
    ragged = [
        r.row_number
        for r in records
        if isinstance(r.content, Rejection) and r.content.code is RejectionCode.WRONG_COLUMN_COUNT
    ]
    if len(ragged) >= 2 and 2 * len(ragged) > len(records):
        raise MalformedFile(
            MalformedCode.NOT_CSV,
            f"{len(ragged)} of {len(records)} rows have a different number of cells from the "
            f"header (the first at line {ragged[0]}); the file is probably not comma-separated "
            "CSV, or its quotes are unbalanced",
        )


def _unclosed_quote(start: int) -> MalformedFile:
    return MalformedFile(
        MalformedCode.NOT_CSV,
        f"a quote opened in the row at line {start} is never closed, so every later line would "
        'be read as part of one cell; close the quote, or write a quote inside a cell as ""',
    )
