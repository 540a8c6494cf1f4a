"""Residences and households over time, from the dates partners' records carry (pure; no I/O).

A record puts its person at its address on its evidence date (the upload's received day when it
has none: the partner knew of them by then). A person lives at each address they were put at from
the earliest such date, until the earliest date of the next address they were put at; a record of
an address they have left (a partner who has not heard of the move) does not bring them back.

At one address, a household is a group of people living there together over a period. Evidence
dates say when a partner knew of someone, not when they moved in, so someone first seen where
others already live, with no earlier address known, is taken to have been with them since the last
evidenced change there (a move in from elsewhere, a move out, a birth). Each time the people there
change, the groups are formed again; a group that is no longer there has ended.

Who at an address is one household (``split``): where a child lives, everyone is one household, so
step-families and children bearing the other parent's name stay together; two adults are one
household (a couple need not share a name); three or more adults with no child are split into
groups that share a surname or a recorded relationship. An address that holds more than one
household at once is shared.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from vocabulary import fold

ADULT_AGE = 18
# Households are named by where, since when and who: the same data names them the same way.
_NAMESPACE = uuid.UUID("6f0c5a52-8d07-4d4b-9a38-3c1f0e7b2d11")


@dataclass(frozen=True)
class Sighting:
    """A record putting a person at an address on a date (received: for ties on one date)."""

    key: str  # domain.households.address_key
    on: dt.date
    received: dt.datetime


@dataclass(frozen=True)
class Residence:
    person: str
    key: str
    start: dt.date
    end: dt.date | None
    moved_in: bool  # an earlier address is known: the start is a move, not a first sighting


@dataclass(frozen=True)
class Resident:
    """What the split rule may know of a person."""

    born: dt.date | None
    surnames: frozenset[str]


@dataclass(frozen=True)
class Household:
    id: str
    key: str
    start: dt.date
    end: dt.date | None
    members: frozenset[str]


Split = Callable[[list[str], dt.date, Mapping[str, Resident], set[frozenset[str]]], list[set[str]]]


def surname(name: str | None) -> str:
    """A surname as households compare them: case, accents, punctuation and spacing do not make a
    different name (Müller is Muller, O'Brien is OBRIEN), and letters of any script are kept."""
    return "".join(c for c in fold(name) if c.isalpha()).upper()


def residences(person: str, sightings: Iterable[Sighting]) -> list[Residence]:
    """The person's residences in order: each address from its first sighting to the next's."""
    first: dict[str, tuple[dt.date, dt.datetime]] = {}
    for s in sightings:
        seen = first.get(s.key)
        if seen is None or (s.on, s.received) < seen:
            first[s.key] = (s.on, s.received)
    ordered = sorted(first.items(), key=lambda item: (item[1], item[0]))
    return [
        Residence(
            person,
            key,
            start,
            ordered[i + 1][1][0] if i + 1 < len(ordered) else None,
            moved_in=i > 0,
        )
        for i, (key, (start, _)) in enumerate(ordered)
    ]


def _age(born: dt.date | None, on: dt.date) -> int | None:
    if born is None:
        return None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def split(
    present: list[str],
    on: dt.date,
    residents: Mapping[str, Resident],
    related: set[frozenset[str]],
) -> list[set[str]]:
    """The households among the people at one address on a date (see the module's docstring)."""
    # Someone of unknown age counts as an adult: a child is never left without one.
    ages = {p: _age(residents[p].born, on) for p in present}
    adults = [p for p in present if (age := ages[p]) is None or age >= ADULT_AGE]
    if len(adults) < 3 or len(adults) < len(present):
        return [set(present)]
    parent = {p: p for p in present}

    def root(p: str) -> str:
        while parent[p] != p:
            parent[p] = parent[parent[p]]
            p = parent[p]
        return p

    for i, a in enumerate(present):
        for b in present[i + 1 :]:
            if residents[a].surnames & residents[b].surnames or frozenset((a, b)) in related:
                parent[root(a)] = root(b)
    groups: dict[str, set[str]] = {}
    for p in present:
        groups.setdefault(root(p), set()).add(p)
    return list(groups.values())


def _starts(lived: list[Residence], residents: Mapping[str, Resident]) -> dict[Residence, dt.date]:
    """When each residence counts from for households: a first sighting where others live already
    counts from the last evidenced change there (or the birth, if later)."""
    starts: dict[Residence, dt.date] = {}
    changes: list[dt.date] = []
    # On one date, moves in come first: a first sighting that day then counts from that move,
    # whatever the people's ids.
    for r in sorted(lived, key=lambda r: (r.start, not r.moved_in, r.person)):
        others = [o for o in starts if starts[o] <= r.start and (o.end is None or o.end > r.start)]
        start = r.start
        if others and not r.moved_in:
            start = max(c for c in changes if c <= r.start)
            born = residents[r.person].born
            start = max(start, born) if born else start
        starts[r] = start
        changes.append(start)
        if r.end is not None:
            changes.append(r.end)
    return starts


def households_at(
    key: str,
    lived: list[Residence],
    residents: Mapping[str, Resident],
    related: set[frozenset[str]],
    rule: Split = split,
) -> tuple[list[Household], bool]:
    """The households at one address over time, and whether it ever held two at once."""
    # A residence ended the day it began (two addresses on one date) held no household.
    lived = [r for r in lived if r.end is None or r.end > r.start]
    starts = _starts(lived, residents)
    points = sorted({starts[r] for r in lived} | {r.end for r in lived if r.end is not None})
    open_since: dict[frozenset[str], dt.date] = {}
    found: list[Household] = []
    shared = False
    for on in points:
        present = sorted(
            {r.person for r in lived if starts[r] <= on and (r.end is None or r.end > on)}
        )
        groups = {frozenset(g) for g in rule(present, on, residents, related)} if present else set()
        shared = shared or len(groups) > 1
        for members in [m for m in open_since if m not in groups]:
            found.append(_household(key, open_since.pop(members), on, members))
        for members in groups - open_since.keys():
            open_since[members] = on
    found += [_household(key, since, None, members) for members, since in open_since.items()]
    return found, shared


def _household(key: str, start: dt.date, end: dt.date | None, members: frozenset[str]) -> Household:
    name = f"{key}|{start.isoformat()}|{','.join(sorted(members))}"
    return Household(str(uuid.uuid5(_NAMESPACE, name)), key, start, end, members)
