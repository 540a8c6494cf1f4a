"""Checks on what clients send, each failing with a BAD_USER_INPUT that names the field."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from api.errors import BadUserInput

_CODE = re.compile(r"^[A-Z0-9_]{1,32}$")


# The partners work in England: "today" and "not in the future" are judged by the date there,
# not the server's.
_ENGLAND = ZoneInfo("Europe/London")


def today() -> dt.date:
    return dt.datetime.now(_ENGLAND).date()


def clean_code(value: str | None, field: str) -> str | None:
    """An upper-case code such as a criterion code or postcode district, or None."""
    if value is None:
        return None
    code = value.strip().upper()
    if not _CODE.match(code):
        raise BadUserInput(f"`{field}` must be 1 to 32 letters, digits or underscores.")
    return code


def clean_text(value: str | None, field: str, *, max_length: int, required: bool) -> str | None:
    """Trimmed free text within a length bound; required text may not be blank."""
    text = (value or "").strip()
    if not text:
        if required:
            raise BadUserInput(f"`{field}` is required and may not be blank.")
        return None
    if len(text) > max_length:
        raise BadUserInput(f"`{field}` may be at most {max_length} characters.")
    if any(ord(ch) < 32 and ch not in "\n\t" for ch in text):
        raise BadUserInput(f"`{field}` may not contain control characters.")
    return text
