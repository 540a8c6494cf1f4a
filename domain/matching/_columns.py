"""Records as the columns the model compares: names reduced to Latin letters, dates as text.

Names are written in Latin letters first (``anyascii``: "Олександр" is "oleksandr", "Łukasz"
"lukasz"), so a name typed in Cyrillic on one list and in Latin letters on another is one name, and
two names in another script still differ as their letters do. They lose case, spaces and
punctuation ("O'Brien", "OBRIEN" and "o brien" are one name), so the model spends its tolerance on
real differences. Beside each name: its sound (metaphone: Mohammed and Muhammad sound alike) and
its skeleton (Viktoriia and Viktoriya, Aisha and Ayesha share consonants), and
for a family name its parts (a double-barrelled name shares a part with either half).

A date of birth is text, so that "one digit off" is an edit distance, and carries its
day-and-month-swapped twin, so that a swap is one equality. What partners send for a date they do
not know is not a date: a placeholder (1 January 1900, or any date before 1901: nobody on a list
is that old) is unknown, and 1 January of a year is taken to say the year alone (``dob_partial``),
which the model compares as a year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from anyascii import anyascii
from jellyfish import metaphone

from domain.matching._nicknames import full_forms
from domain.matching._record import MatchRecord
from domain.matching._regions import region
from intake.identifiers import postcode as normal_postcode
from vocabulary import fold

# Temporary UPNs end in a letter: a school replaces them, so they say nothing against a match.
TEMPORARY_UPN_END = frozenset("ABCDEFGHJKLMNPQRTUVWXYZ")

# Names recur (a list of 100,000 holds a few thousand distinct ones): each is worked out once.
_NAMES_REMEMBERED = 1 << 16

# Earlier dates of birth are placeholders for "not known" (1900-01-01 above all).
EARLIEST_REAL_BIRTH = dt.date(1901, 1, 1)

# The no-fixed-abode postcode (ZZ99 3VZ, and the other ZZ99 codes): shared by people who share no
# home, so it says nothing about where anyone lives.
_NO_FIXED_ABODE = "ZZ99"

# Parts of a family name too short or too common to say one half of it is shared.
_PARTICLES = frozenset({"van", "von", "der", "den", "del", "della", "les", "bin", "binti", "ibn"})


# Generational suffixes: "Hassan Jr" is Hassan, as far as telling him from others goes (his father
# has another date of birth).
_SUFFIXES = frozenset({"jr", "jnr", "junior", "sr", "snr", "senior", "ii", "iii", "iv"})


@lru_cache(maxsize=_NAMES_REMEMBERED)
def _letters(value: str | None) -> str:
    words = fold(anyascii(value or "")).replace(".", " ").split()
    kept = [w for w in words if w not in _SUFFIXES] or words
    return "".join(c for c in "".join(kept) if c.isalpha())


@lru_cache(maxsize=_NAMES_REMEMBERED)
def latin(value: str | None) -> bool:
    """Whether a name was written in Latin letters (accents aside), not transliterated here."""
    return all(c.isascii() for c in fold(value) if c.isalpha())


@lru_cache(maxsize=_NAMES_REMEMBERED)
def name(value: str | None) -> str | None:
    """A name as the model compares it: Latin letters only, lower case."""
    return _letters(value) or None


def first_name(value: str | None) -> str | None:
    """The first word of other names: a middle name is compared, not a list of them."""
    words = (value or "").split()
    return name(words[0]) if words else None


@lru_cache(maxsize=_NAMES_REMEMBERED)
def sound(value: str | None) -> str | None:
    """How a normalised name sounds: spellings of one name (Muhammad, Mohammed) share it."""
    return metaphone(value) or None if value else None


_SPELLINGS = (("ph", "f"), ("ck", "k"), ("q", "k"), ("c", "k"))


@lru_cache(maxsize=_NAMES_REMEMBERED)
def skeleton(value: str | None) -> str | None:
    """A normalised name's first letter and its consonants but h, w and y, doubles as one:
    romanisations of one name share it (Viktoriia, Viktoriya; Aisha, Ayesha; Mykhayl, Michael).
    None when under three letters, which too many short names share (Lily, Lola)."""
    if not value:
        return None
    for written, said in _SPELLINGS:
        value = value.replace(written, said)
    letters = [value[0], *(c for c in value[1:] if c not in "aeiouyhw")]
    kept = "".join(c for i, c in enumerate(letters) if i == 0 or c != letters[i - 1])
    return kept if len(kept) >= 3 else None


@lru_cache(maxsize=_NAMES_REMEMBERED)
def parts(value: str | None) -> tuple[str, ...] | None:
    """The parts of a double-barrelled (or multi-word) family name; None for a single word."""
    words = [
        w
        for w in (_letters(word) for word in fold(anyascii(value or "")).replace("-", " ").split())
        if len(w) >= 3 and w not in _PARTICLES
    ]
    return tuple(sorted(set(words))) if len(words) > 1 else None


def date_of_birth(value: dt.date | None) -> dt.date | None:
    """The date, or None when it is a placeholder for "not known"."""
    return value if value is not None and value >= EARLIEST_REAL_BIRTH else None


def permanent_upn(value: str | None) -> str | None:
    return value if value and value[-1] not in TEMPORARY_UPN_END else None


def columns(records: Sequence[MatchRecord]) -> dict[str, list[Any]]:
    """The input table of the Splink model, one list per column."""
    table: dict[str, list[Any]] = {
        "unique_id": [],
        "given_name": [],
        "given_forms": [],
        "given_sound": [],
        "given_latin": [],
        "given_skeleton": [],
        "other_name": [],
        "family_name": [],
        "family_sound": [],
        "family_skeleton": [],
        "family_parts": [],
        "dob": [],
        "dob_swapped": [],
        "dob_year": [],
        "dob_partial": [],
        "sex": [],
        "postcode": [],
        "postcode_sector": [],
        "postcode_district": [],
        "postcode_area": [],
        "region": [],
        "town": [],
        "uprn": [],
        "nhs_number": [],
        "upn": [],
    }
    for r in records:
        given = name(r.given_name)
        family = name(r.family_name)
        dob = date_of_birth(r.date_of_birth)
        table["unique_id"].append(r.key)
        table["given_name"].append(given)
        table["given_forms"].append(full_forms(given) if given else None)
        table["given_sound"].append(sound(given))
        table["given_latin"].append(latin(r.given_name))
        table["given_skeleton"].append(skeleton(given))
        table["other_name"].append(first_name(r.other_names))
        table["family_name"].append(family)
        table["family_sound"].append(sound(family))
        table["family_skeleton"].append(skeleton(family))
        family_parts = parts(r.family_name)
        table["family_parts"].append(list(family_parts) if family_parts else None)
        table["dob"].append(dob.isoformat() if dob else None)
        table["dob_swapped"].append(
            f"{dob.year:04d}-{dob.day:02d}-{dob.month:02d}" if dob and dob.day <= 12 else None
        )
        table["dob_year"].append(dob.year if dob else None)
        table["dob_partial"].append(dob.month == 1 and dob.day == 1 if dob else None)
        table["sex"].append(r.sex if r.sex in ("female", "male") else None)
        postcode = normal_postcode(r.postcode) if r.postcode else None
        if postcode and postcode.startswith(_NO_FIXED_ABODE):
            postcode = None
        table["postcode"].append(postcode)
        table["postcode_sector"].append(postcode[:-2] if postcode else None)  # "EX4 4"
        table["postcode_district"].append(postcode[:-4] if postcode else None)  # "EX4"
        area = "".join(c for c in postcode[:2] if c.isalpha()) if postcode else None
        table["postcode_area"].append(area)  # "EX": a town and its country around
        table["region"].append(region(area))
        table["town"].append(name(r.town))
        table["uprn"].append(r.uprn)
        table["nhs_number"].append(r.nhs_number)
        table["upn"].append(r.upn)
    return table
