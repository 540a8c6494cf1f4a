"""Records as the columns the model compares: names reduced to letters, dates as text.

Names lose case, accents, spaces and punctuation ("O'Brien", "OBRIEN" and "o brien" are one
name; so are "Łukasz" and "Lukasz"), keeping letters of any script (vocabulary.text), so the model
spends its tolerance on real differences. A date of birth is text, so that "one digit off" is an
edit distance, and carries its day-and-month-swapped twin, so that a swap is one equality.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from domain.matching._nicknames import full_forms
from domain.matching._record import MatchRecord
from intake.identifiers import postcode as normal_postcode
from vocabulary import fold

# Temporary UPNs end in a letter: a school replaces them, so they say nothing against a match.
TEMPORARY_UPN_END = frozenset("ABCDEFGHJKLMNPQRTUVWXYZ")


def name(value: str | None) -> str | None:
    if not value:
        return None
    # Letters of every script: reduced to ASCII, twins named in Cyrillic had no given names to
    # tell them apart, and were taken for one child.
    letters = "".join(c for c in fold(value) if c.isalpha())
    return letters or None


def first_name(value: str | None) -> str | None:
    """The first word of other names: a middle name is compared, not a list of them."""
    words = (value or "").split()
    return name(words[0]) if words else None


def permanent_upn(value: str | None) -> str | None:
    return value if value and value[-1] not in TEMPORARY_UPN_END else None


def columns(records: Sequence[MatchRecord]) -> dict[str, list[Any]]:
    """The input table of the Splink model, one list per column."""
    table: dict[str, list[Any]] = {
        "unique_id": [],
        "given_name": [],
        "given_forms": [],
        "other_name": [],
        "family_name": [],
        "dob": [],
        "dob_swapped": [],
        "sex": [],
        "postcode": [],
        "postcode_sector": [],
        "postcode_district": [],
        "uprn": [],
        "nhs_number": [],
        "upn": [],
    }
    for r in records:
        given = name(r.given_name)
        dob = r.date_of_birth
        table["unique_id"].append(r.key)
        table["given_name"].append(given)
        table["given_forms"].append(full_forms(given) if given else None)
        table["other_name"].append(first_name(r.other_names))
        table["family_name"].append(name(r.family_name))
        table["dob"].append(f"{dob.year:04d}-{dob.month:02d}-{dob.day:02d}" if dob else None)
        table["dob_swapped"].append(
            f"{dob.year:04d}-{dob.day:02d}-{dob.month:02d}" if dob and dob.day <= 12 else None
        )
        table["sex"].append(r.sex if r.sex in ("female", "male") else None)
        postcode = normal_postcode(r.postcode) if r.postcode else None
        table["postcode"].append(postcode)
        table["postcode_sector"].append(postcode[:-2] if postcode else None)  # "EX4 4"
        table["postcode_district"].append(postcode[:-4] if postcode else None)  # "EX4"
        table["uprn"].append(r.uprn)
        table["nhs_number"].append(r.nhs_number)
        table["upn"].append(r.upn)
    return table
