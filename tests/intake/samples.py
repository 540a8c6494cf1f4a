"""Valid rows and files to start each test from; check digits computed, not made up."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from intake import Format, ParsedUpload, parse
from intake.schema import FIELD_NAMES

TODAY = date(2024, 6, 1)
KNOWN = frozenset({"CR1", "CR2", "SA1", "HE2"})

NHS_NUMBERS = ("9434765919", "4010232137", "4857773457")
UPNS = ("B801200005001", "D878200323001", "P87820032300A")  # the last is temporary

GOOD: dict[str, str] = {
    "partner_reference": "HSG-1",
    "given_name": "Amelia",
    "family_name": "Hughes",
    "other_names": "Jane",
    "date_of_birth": "2011-04-23",
    "sex": "female",
    "address_line1": "12 Fore Street",
    "address_line2": "Heavitree",
    "town": "Exeter",
    "postcode": "EX4 4QJ",
    "uprn": "100040212345",
    "nhs_number": "943 476 5919",
    "upn": "D878200323001",
    "criteria": "CR1;SA1",
    "evidence_date": "2024-03-01",
}


def good(n: int = 1, **changes: str) -> dict[str, str]:
    """The good row with its own reference (HSG-n) and any changes."""
    return {**GOOD, "partner_reference": f"HSG-{n}", **changes}


def csv_text(rows: Sequence[Mapping[str, str]], columns: Sequence[str] = FIELD_NAMES) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(column, "") for column in columns])
    return out.getvalue()


def as_json(row: Mapping[str, Any]) -> dict[str, Any]:
    """A CSV-style row as a JSON Lines object: criteria become an array."""
    result: dict[str, Any] = dict(row)
    if isinstance(result.get("criteria"), str):
        result["criteria"] = result["criteria"].replace("|", ";").split(";")
    return result


def jsonl_text(rows: Sequence[Mapping[str, Any]]) -> str:
    return "".join(json.dumps(as_json(row), ensure_ascii=False) + "\n" for row in rows)


def parse_text(text: str, fmt: Format, **options: Any) -> ParsedUpload:
    options = {"known_criteria": KNOWN, "today": TODAY, **options}
    return parse(text.encode(), format=fmt, **options)


def rows_text(rows: Sequence[Mapping[str, str]], fmt: Format) -> str:
    return csv_text(rows) if fmt == "csv" else jsonl_text(rows)
