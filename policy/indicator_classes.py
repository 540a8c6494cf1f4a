"""The data class of each indicator (criterion) of the eligibility frameworks: a reviewed table.

Reading that a person meets a criterion discloses the kind of data the criterion is about, and
that is a property of the indicator, not of the headline it evidences: "known to have perpetrated
domestic violence or abuse" evidences the domestic abuse headline, but it reports an offence,
alleged or proven, so it is criminal offence data (UK GDPR Article 10, DPA 2018 section 11(2)).

``policy/indicator_classes.csv`` holds one row per indicator of every framework in
``domain/eligibility/frameworks``: ``framework`` (the framework's id), ``code``, ``name`` (as the
framework file words it), ``data_class`` (a ``DataClass`` value), ``law`` (the article and the
DPA 2018 provisions it rests on) and ``reason`` (why, and where reasonable people could differ,
why the more guarded class was chosen). A council edits it like the access policy: in the
repository, through review. ``tests/policy/test_indicator_classes.py`` fails until every
indicator of every framework in force has exactly one row, worded as its framework words it, and
each row's law names the article its class needs.

    criterion_class("DA2")       # DataClass.CRIMINAL_OFFENCE
    criterion_class("LOCAL-1")   # not in the table: UNLISTED, the guarded default

The table is read and checked once, when this module is imported, so a table that cannot be
used stops the service from starting rather than failing a request.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from vocabulary import DataClass

TABLE = Path(__file__).with_name("indicator_classes.csv")
COLUMNS = ("framework", "code", "name", "data_class", "law", "reason")

# A criterion the table does not list (a partner's code no framework names, or a council's own
# indicator not yet reviewed) is read as criminal offence data: of the classes an indicator may
# have, it is the one the fewest roles may read, and it needs a condition on top (Article 10).
UNLISTED = DataClass.CRIMINAL_OFFENCE

_FRAMEWORK_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")
_CODE = re.compile(r"\S+")


class IndicatorTableError(ValueError):
    """The table cannot be used; the message names the file, the line and what is wrong."""


@dataclass(frozen=True)
class IndicatorClass:
    """One reviewed row: an indicator and the data class a report of it belongs to."""

    framework: str
    code: str
    name: str
    data_class: DataClass
    law: str
    reason: str


def load_indicator_classes(
    path: Path = TABLE, *, indicators: Iterable[tuple[str, str, str]] | None = None
) -> Mapping[str, IndicatorClass]:
    """The table's rows by indicator code, checked strictly.

    ``indicators``, when given, are the (framework id, code, name) of every indicator of the
    frameworks in force: the table must then hold exactly these, each under its framework and
    worded as the framework words it (a reworded indicator is classified afresh)."""
    rows = _parse(path)
    if indicators is not None:
        _check_coverage(path, rows, indicators)
    return MappingProxyType(rows)


def criterion_class(code: str) -> DataClass:
    """The data class of a report that a person meets the criterion ``code``; ``UNLISTED`` for a
    code the table does not hold."""
    return _CLASSES.get(code, UNLISTED)


def _fail(path: Path, line: int | None, problem: str) -> IndicatorTableError:
    where = f"{path.name}, line {line}" if line is not None else path.name
    return IndicatorTableError(f"{where}: {problem}")


def _parse(path: Path) -> dict[str, IndicatorClass]:
    try:
        # utf-8-sig: a spreadsheet saving the table as CSV may put a byte order mark first.
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise _fail(path, None, "is not UTF-8 text") from None
    except OSError as exc:
        raise _fail(path, None, f"cannot be read ({exc.strerror})") from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: dict[str, IndicatorClass] = {}
    lines: dict[str, int] = {}
    try:
        header = next(reader, None)
        if header is None or tuple(cell.strip() for cell in header) != COLUMNS:
            raise _fail(path, 1, f"the first line must name the columns {','.join(COLUMNS)}")
        for record in reader:
            line = reader.line_num
            row = _row(path, line, record)
            if row.code in rows:
                raise _fail(path, line, f"code {row.code} is already on line {lines[row.code]}")
            rows[row.code] = row
            lines[row.code] = line
    except csv.Error as exc:
        raise _fail(path, reader.line_num, f"is not well-formed CSV ({exc})") from None
    if not rows:
        raise _fail(path, None, "has no rows")
    return rows


def _row(path: Path, line: int, record: list[str]) -> IndicatorClass:
    if len(record) != len(COLUMNS):
        raise _fail(path, line, f"has {len(record)} cells; each row has {len(COLUMNS)}")
    cells = dict(zip(COLUMNS, (cell.strip() for cell in record), strict=True))
    for column, value in cells.items():
        if not value:
            raise _fail(path, line, f"the {column} is empty")
    if not _FRAMEWORK_ID.fullmatch(cells["framework"]):
        raise _fail(path, line, f"framework {cells['framework']!r} is not a framework id")
    if not _CODE.fullmatch(cells["code"]):
        raise _fail(path, line, f"code {cells['code']!r} has spaces in it")
    try:
        data_class = DataClass(cells["data_class"])
    except ValueError:
        known = ", ".join(c.value for c in DataClass)
        raise _fail(
            path, line, f"unknown data class {cells['data_class']!r} (one of: {known})"
        ) from None
    return IndicatorClass(
        framework=cells["framework"],
        code=cells["code"],
        name=cells["name"],
        data_class=data_class,
        law=cells["law"],
        reason=cells["reason"],
    )


def _check_coverage(
    path: Path, rows: Mapping[str, IndicatorClass], indicators: Iterable[tuple[str, str, str]]
) -> None:
    expected: dict[str, tuple[str, str]] = {}
    for framework, code, name in indicators:
        if code in expected and expected[code][0] != framework:
            # A criterion is one node per code in the graph, so a code has one class.
            raise _fail(path, None, f"code {code} is in both {expected[code][0]} and {framework}")
        expected[code] = (framework, name)
    missing = sorted(f"{expected[c][0]} {c}" for c in expected.keys() - rows.keys())
    if missing:
        raise _fail(path, None, f"has no row for indicator(s) {', '.join(missing)}")
    extra = sorted(f"{rows[c].framework} {c}" for c in rows.keys() - expected.keys())
    if extra:
        raise _fail(path, None, f"has rows for indicator(s) no framework names: {', '.join(extra)}")
    for code, (framework, name) in expected.items():
        row = rows[code]
        if row.framework != framework:
            raise _fail(path, None, f"{code} is an indicator of {framework}, not {row.framework}")
        if row.name != name:
            raise _fail(path, None, f"{code} is worded {name!r} in {framework}; review its class")


_CLASSES: Mapping[str, DataClass] = MappingProxyType(
    {code: row.data_class for code, row in load_indicator_classes().items()}
)
