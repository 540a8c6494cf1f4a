"""A first address line as addresses are told apart: one spelling for the ways people write one.

Partners write one address many ways: "7 Quay Lane" and "7 Quay Ln", "Flat 2, 7 Quay Lane" and
"2/7 Quay Lane" and "7 Quay Lane Flat 2". The line is folded (case, accents), punctuation goes
(a comma, slash or bracket parts words, an apostrophe or hyphen joins them: "St Mary's" is
"ST MARYS", "Mill-House" "MILLHOUSE"), a flat is written first as ``FLAT <n>``, and street types
are written out. Only the key is written this way: the line is stored as received.

"St" is Saint before a name and Street after one: "7 St Mary's Road" is "7 SAINT MARYS ROAD",
"7 High St" is "7 HIGH STREET". Other abbreviations are written out only after a word, where a
street type stands ("7 Quay Ln"), never first or after a number ("Dr" may be a title there).
"""

from __future__ import annotations

import re
from functools import lru_cache

from vocabulary import fold

__all__ = ["normalised_line", "with_flat_of"]

_STREET_TYPES = {
    "APPR": "APPROACH",
    "AV": "AVENUE",
    "AVE": "AVENUE",
    "BLDGS": "BUILDINGS",
    "CL": "CLOSE",
    "CRES": "CRESCENT",
    "CRESC": "CRESCENT",
    "CT": "COURT",
    "CRT": "COURT",
    "DR": "DRIVE",
    "DRV": "DRIVE",
    "ESP": "ESPLANADE",
    "GDN": "GARDEN",
    "GDNS": "GARDENS",
    "GR": "GROVE",
    "GRN": "GREEN",
    "GRV": "GROVE",
    "HSE": "HOUSE",
    "HTS": "HEIGHTS",
    "LN": "LANE",
    "PDE": "PARADE",
    "PK": "PARK",
    "PL": "PLACE",
    "RD": "ROAD",
    "SQ": "SQUARE",
    "ST": "STREET",
    "TCE": "TERRACE",
    "TER": "TERRACE",
    "TERR": "TERRACE",
    "WLK": "WALK",
    "WY": "WAY",
}
_FLAT_WORDS = frozenset({"FLAT", "FLT", "APT", "APARTMENT", "APPT"})
# What names a flat after its word: 2, 2A, A, A2.
_FLAT_NUMBER = re.compile(r"[0-9]+[A-Z]?|[A-Z][0-9]*")
# "2/7 Quay Lane": flat 2 of number 7, at the start of the line.
_SLASHED = re.compile(r"^\s*([0-9]+[a-z]?)\s*/\s*([0-9]+[a-z]?)\b")
_PARTING = re.compile(r"[,;/()&:+]")
_JOINING = re.compile(r"[^\w\s]|_")


# Each address is named by several records, and each record's key asks for its line more than
# once: the rule is pure, so a line is worked out once.
@lru_cache(maxsize=1 << 16)
def normalised_line(line: str | None) -> str:
    """The line as keys compare it: "Apt 2 7 Quay Ln" and "2/7 Quay Lane" are both
    "FLAT 2 7 QUAY LANE"; "St Mary's Rd" is "SAINT MARYS ROAD". Idempotent."""
    text = _SLASHED.sub(r"flat \1 \2", fold(line))
    text = _JOINING.sub("", _PARTING.sub(" ", text)).upper()
    words = text.split()
    flat = _flat(words)
    words = [_written_out(words, i) for i in range(len(words))]
    return " ".join(([f"FLAT {flat}"] if flat else []) + words)


def with_flat_of(line1: str | None, line2: str | None) -> str | None:
    """The first line with the flat a second line names, when the second line is only a flat
    ("Flat 2" under "7 Quay Lane" is "Flat 2, 7 Quay Lane") and the first names none; else the
    first line: a second line is otherwise a locality, which does not tell addresses apart."""
    flat = normalised_line(line2)
    if not flat.startswith("FLAT ") or len(flat.split()) != 2:
        return line1
    if normalised_line(line1).startswith("FLAT "):
        return line1
    return f"{flat}, {line1 or ''}"


def _flat(words: list[str]) -> str | None:
    """Take the first "FLAT 2" (or "APT 2", ...) out of ``words``, wherever it is; its number."""
    for i, word in enumerate(words[:-1]):
        if word in _FLAT_WORDS and _FLAT_NUMBER.fullmatch(words[i + 1]):
            number = words[i + 1]
            del words[i : i + 2]
            return number
    return None


def _written_out(words: list[str], i: int) -> str:
    word = words[i]
    full = _STREET_TYPES.get(word)
    if full is None:
        return word
    after_a_name = i > 0 and not words[i - 1][0].isdigit()
    if word == "ST" and not after_a_name and i + 1 < len(words):
        return "SAINT"
    return full if after_a_name else word
