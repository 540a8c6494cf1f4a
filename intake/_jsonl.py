"""JSON Lines text to raw records: one object per line, keys checked against the schema.

Lines are split on line feeds only: JSON strings may hold other Unicode line separators.
"""

from __future__ import annotations

import json

from intake._record import RawRecord, unreadable
from intake.errors import MalformedCode, MalformedFile, too_many_rows
from intake.report import RejectionCode
from intake.schema import FIELD_NAMES

_KEY_SHOWN = 40  # characters of an unexpected key repeated in a message
_KEYS_SHOWN = 10


class _DuplicateKeyError(ValueError):
    pass


def read_jsonl(text: str, *, max_rows: int) -> list[RawRecord]:
    records: list[RawRecord] = []
    objects = 0
    unknown: dict[str, int] = {}  # key -> first line that has it
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue  # blank lines are not rows
        if len(records) == max_rows:
            raise too_many_rows(max_rows)
        try:
            value = json.loads(line, object_pairs_hook=_object)
        except _DuplicateKeyError as error:
            records.append(unreadable(number, RejectionCode.INVALID_JSON, str(error)))
            continue
        except json.JSONDecodeError as error:
            message = f"the line is not valid JSON ({error.msg} at column {error.colno})"
            records.append(unreadable(number, RejectionCode.INVALID_JSON, message))
            continue
        except (ValueError, RecursionError):  # numbers too long, nesting too deep
            message = "the line is not valid JSON that can be read (too deeply nested or too long)"
            records.append(unreadable(number, RejectionCode.INVALID_JSON, message))
            continue
        if not isinstance(value, dict):
            message = "the line is valid JSON but not an object; write each row as {...}"
            records.append(unreadable(number, RejectionCode.NOT_AN_OBJECT, message))
            continue
        objects += 1
        for key in value:
            if key not in FIELD_NAMES:
                unknown.setdefault(key, number)
        records.append(RawRecord(number, value))
    if not objects:
        raise MalformedFile(MalformedCode.NOT_JSONL, _not_jsonl_message(text))
    if unknown:
        # Refused for the same reasons as unknown CSV columns (see _csv._header).
        shown = [f"{key[:_KEY_SHOWN]!r} (line {line})" for key, line in unknown.items()]
        more = len(shown) - _KEYS_SHOWN
        raise MalformedFile(
            MalformedCode.UNKNOWN_COLUMNS,
            f"objects have keys that are not in the schema: {', '.join(shown[:_KEYS_SHOWN])}"
            f"{f' and {more} more' if more > 0 else ''}; rename them to schema names or remove "
            f"them (the schema's keys are {', '.join(FIELD_NAMES)})",
        )
    return records


def _object(pairs: list[tuple[str, object]]) -> dict[str, object]:
    """Keys trimmed and lower-cased, as CSV headers are; a key given twice is ambiguous."""
    result: dict[str, object] = {}
    for key, value in pairs:
        name = key.strip().lower()
        if name in result:
            raise _DuplicateKeyError(
                f"the object has the key {name[:_KEY_SHOWN]!r} more than once; keep one"
            )
        result[name] = value
    return result


def _not_jsonl_message(text: str) -> str:
    if text.lstrip().startswith("["):
        return (
            "the file looks like one JSON array, not JSON Lines; write one object per line, "
            "with no enclosing [ ] and no commas between lines"
        )
    return "no line of the file is a JSON object; write one object per line, e.g. " + (
        '{"partner_reference": "HSG-1", "given_name": "Amelia", ...}'
    )
