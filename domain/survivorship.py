"""Who a person is, from the records partners sent about them (survivorship), and whether a
correction changes who a record describes.

    attributes = survive(sources)          # the person's names, date of birth and sex
    fields = questioned(before, after, person)   # () unless the correction is more than a typo

**The rule**, field by field (given name, family name, date of birth, sex), over the records
about the person:

1. Only a real value stands: blank text, an unknown sex and a placeholder date of birth
   (``PLACEHOLDER_BIRTH_DATES``: partners send 1900-01-01 for "not known") are no value at all.
   A 1 January date gives way to another date of the same year, since it may be a year-only date.
2. The most trusted source wins: the sectors are ranked in ``TRUST`` (an NHS record's
   demographics are checked against the national register; a school sees a birth certificate
   at admission; others take what they are told).
3. Among sources trusted alike, the latest received wins: a correction counts from when it came.
4. A tie (one rank, one moment) goes to the smallest source key, so the answer never depends on
   the order records are read in.
5. No real value anywhere: the field is unknown (None; names blank), never a placeholder.

Names are chosen field by field like the rest: the family name is the most trusted, latest one
even when another source supplied the given name (people change surnames, rarely given names).

**A correction beyond a typo** (``questioned``): a record about a matched person is corrected,
and the new values differ from both the record's previous values and the person's by more than a
slip. Then the record keeps the correction but the person's link to it is put to a person: until
decided, the record counts for the person with the values it had (see graph.survivorship). A
difference beyond a typo is: a date of birth that is not a day/month swap, one character off
(``2014`` for ``2004``), one day off, or a year-only date of the same year; a given name that is
not the same up to one slip (two in long names), a shortening (Alex, Alexander; an initial), or
one of several given names; a sex that was female and is male, or the other way. A value
that was unknown and is now known (or the reverse) is never beyond a typo, nor are given and
family names swapped. Family names are not weighed: they change on marriage and are sent whole
or in part.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from vocabulary import Sector, fold

__all__ = [
    "PLACEHOLDER_BIRTH_DATES",
    "TRUST",
    "Attributes",
    "Source",
    "birth_dates_agree",
    "given_names_agree",
    "questioned",
    "real_birth_date",
    "survive",
]

# Dates partners send for "date of birth not known": never a person's date of birth.
PLACEHOLDER_BIRTH_DATES: frozenset[dt.date] = frozenset(
    {dt.date(1900, 1, 1), dt.date(1901, 1, 1), dt.date(1800, 1, 1)}
)

# Most trusted first; a sector not named here (or none) comes after all of them.
TRUST: tuple[str, ...] = (
    Sector.HEALTH,
    Sector.EDUCATION,
    Sector.EMPLOYMENT,
    Sector.LOCAL_AUTHORITY,
    Sector.YOUTH_JUSTICE,
    Sector.PROBATION,
    Sector.POLICE,
    Sector.HOUSING,
    Sector.FIRE,
    Sector.VOLUNTARY,
)
T = TypeVar("T")
_RANK = {sector: i for i, sector in enumerate(TRUST)}
# A record's sex as a person carries it (the API's F and M); "unknown" is no value.
_SEXES = {"female": "F", "f": "F", "male": "M", "m": "M"}

# The identity fields a correction may change beyond a typo, as the graph names them.
DATE_OF_BIRTH, GIVEN_NAME, SEX = "dateOfBirth", "givenName", "sex"


@dataclass(frozen=True)
class Source:
    """One record about a person, as survivorship weighs it."""

    key: str  # the record's source key
    sector: str | None  # its partner's sector
    received_at: dt.datetime | None  # when the values weighed here were received
    given_name: str | None
    family_name: str | None
    date_of_birth: dt.date | None
    sex: str | None


@dataclass(frozen=True)
class Attributes:
    """What a person is, as their records have it (sex as ``F`` or ``M``)."""

    given_name: str
    family_name: str
    date_of_birth: dt.date | None
    sex: str | None


def real_birth_date(value: dt.date | None) -> dt.date | None:
    """``value`` unless it is a placeholder for "not known"."""
    return None if value is None or value in PLACEHOLDER_BIRTH_DATES else value


def _text(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None


def _sex(value: str | None) -> str | None:
    return _SEXES.get(value.casefold()) if value else None


def _order(source: Source) -> tuple[int, float, str]:
    """Sorts the source that wins first: most trusted, then latest, then smallest key."""
    rank = _RANK.get(source.sector or "", len(TRUST))
    moment = source.received_at.timestamp() if source.received_at else float("-inf")
    return (rank, -moment, source.key)


def _first(values: Iterable[T | None]) -> T | None:
    return next((v for v in values if v is not None), None)


def _birth_date(ordered: Sequence[Source]) -> dt.date | None:
    dates = [d for d in (real_birth_date(s.date_of_birth) for s in ordered) if d is not None]
    if not dates:
        return None
    best = dates[0]
    if (best.month, best.day) == (1, 1):
        # Perhaps a year-only date: a full date of that year, from anyone, says more.
        fuller = [d for d in dates if d.year == best.year and (d.month, d.day) != (1, 1)]
        if fuller:
            return fuller[0]
    return best


def survive(sources: Sequence[Source]) -> Attributes | None:
    """The person's attributes from the records about them, by the rule above; None when there
    are no records to derive them from."""
    if not sources:
        return None
    ordered = sorted(sources, key=_order)
    return Attributes(
        given_name=_first(_text(s.given_name) for s in ordered) or "",
        family_name=_first(_text(s.family_name) for s in ordered) or "",
        date_of_birth=_birth_date(ordered),
        sex=_first(_sex(s.sex) for s in ordered),
    )


def birth_dates_agree(a: dt.date | None, b: dt.date | None) -> bool:
    """Whether two dates of birth may be one, up to a slip: unknown on either side, equal, day and
    month swapped, one day apart (across a month's end too), one character different or two
    adjacent characters swapped, or a 1 January date and another date of its year."""
    a, b = real_birth_date(a), real_birth_date(b)
    if a is None or b is None or a == b:
        return True
    if (a.day, a.month) == (b.month, b.day) or abs((a - b).days) == 1:
        return True
    if a.year == b.year and (1, 1) in {(a.month, a.day), (b.month, b.day)}:
        return True
    return _one_slip(a.strftime("%Y%m%d"), b.strftime("%Y%m%d"))


def _one_slip(a: str, b: str) -> bool:
    """One character substituted, or two adjacent characters swapped (same length)."""
    if len(a) != len(b):
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    if len(diff) == 1:
        return True
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and a[diff[0]] == b[diff[1]]
        and (a[diff[1]] == b[diff[0]])
    )


def _name_parts(name: str | None) -> list[str]:
    return [p for p in re.split(r"[^\w]+|_", fold(name)) if p]


def _edits(a: str, b: str) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions, transpositions."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[len(b)]


def _parts_agree(a: str, b: str) -> bool:
    if a == b or a.startswith(b) or b.startswith(a):  # "alex" and "alexander", "j" and "john"
        return True
    return _edits(a, b) <= (2 if max(len(a), len(b)) >= 8 else 1)


def given_names_agree(a: str | None, b: str | None) -> bool:
    """Whether two given names may be one person's, up to a slip: unknown on either side, equal
    (case, accents and punctuation aside), one slip apart (two in long names), one a shortening
    of the other, or one of several given names. Nicknames that are not shortenings (Bill,
    William) are not known here: they are put to a person."""
    left, right = _name_parts(a), _name_parts(b)
    if not left or not right:
        return True
    if "".join(left) == "".join(right) or _parts_agree("".join(left), "".join(right)):
        return True
    return any(_parts_agree(x, y) for x in left for y in right)


def _swapped(before: Source, after: Source) -> bool:
    """Given and family names exchanged (a partner's columns the wrong way round)."""
    return bool(_name_parts(after.given_name)) and (
        fold(after.given_name) == fold(before.family_name)
        and fold(after.family_name) == fold(before.given_name)
    )


def _beyond_typo(before: Source, after: Source) -> set[str]:
    fields = set()
    if not birth_dates_agree(before.date_of_birth, after.date_of_birth):
        fields.add(DATE_OF_BIRTH)
    if not given_names_agree(before.given_name, after.given_name) and not _swapped(before, after):
        fields.add(GIVEN_NAME)
    old_sex, new_sex = _sex(before.sex), _sex(after.sex)
    if old_sex and new_sex and old_sex != new_sex:
        fields.add(SEX)
    return fields


def questioned(before: Source, after: Source, person: Attributes | None) -> tuple[str, ...]:
    """The identity fields (graph names, sorted) in which a record's correction, from ``before``
    to ``after``, differs beyond a typo both from what the record said and from the ``person``
    it is about now; empty when the correction may simply stand."""
    fields = _beyond_typo(before, after)
    if person is not None and fields:
        as_person = Source(
            key=before.key,
            sector=None,
            received_at=None,
            given_name=person.given_name,
            family_name=person.family_name,
            date_of_birth=person.date_of_birth,
            sex=person.sex,
        )
        fields &= _beyond_typo(as_person, after)
    return tuple(sorted(fields))
