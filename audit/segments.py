"""The audit journal's files (audit.journal): one JSON record per line, each line ending in a
newline once written whole, then zeros laid down ahead of the next records (JSON holds no zero
byte, so the first one ends the records).

    encode(disclosure) -> bytes      one line
    read_segment(path) -> (records, whole)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
from pathlib import Path
from typing import Any

from audit.record import Disclosure

_log = logging.getLogger(__name__)

SUFFIX = ".jsonl"
_FIELDS = dataclasses.fields(Disclosure)


def encode(disclosure: Disclosure) -> bytes:
    # Field by field: dataclasses.asdict deep-copies every person id, on every response's path.
    fields = {f.name: getattr(disclosure, f.name) for f in _FIELDS}
    fields["occurred_at"] = disclosure.occurred_at.isoformat()
    return json.dumps(fields, separators=(",", ":"), ensure_ascii=False).encode() + b"\n"


def decode(line: bytes) -> Disclosure:
    fields: dict[str, Any] = json.loads(line)
    fields["occurred_at"] = dt.datetime.fromisoformat(fields["occurred_at"])
    fields["person_ids"] = tuple(fields["person_ids"])
    fields["data_classes"] = tuple(fields["data_classes"])
    # Records journalled before what they rested on was recorded have none.
    fields["rested_on"] = tuple(fields.get("rested_on") or ())
    return Disclosure(**fields)


def read_segment(path: Path) -> tuple[list[Disclosure], bool]:
    """The records in a segment, and whether all of it could be read. A last line with no newline
    is not damage: a crash cut that write short before its flush, so no response waited on it."""
    data = path.read_bytes()
    end = data.find(b"\0")
    lines = (data if end < 0 else data[:end]).split(b"\n")
    torn_tail = lines.pop()  # after the last newline: empty, or a write a crash cut short
    records = []
    for line in lines:
        try:
            records.append(decode(line))
        except (ValueError, TypeError, KeyError):
            return records, False
    if torn_tail:
        _log.warning("dropped a disclosure cut short by a crash in %s (never flushed)", path.name)
    return records, True
