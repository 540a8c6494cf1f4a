"""Families from the households living together now (Appendix 4, step 2).

A current household becomes a family unless one of its people is in one already; households that
practitioners' links join (a grandparent linked to a parent at another address) make one family,
so a family may span addresses: it is the family one of its people is in already, else a new one.
People outside the group's largest household join as relatives; in its largest household, a child
as a child and anyone else as a parent (someone of unknown age as other). A member's role follows
their date of birth as it now stands (``recast``): a child whose date of birth is corrected to an
adult's, or who comes of age, is a parent of the family from then on; relatives stay relatives.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from domain.households.periods import ADULT_AGE
from vocabulary import MemberRole


@dataclass(frozen=True)
class Occupant:
    """Someone in a current household, and the family they are in now (if any)."""

    person: str
    born: dt.date | None
    family: str | None  # its reference
    role: MemberRole | None = None  # in that family, when this job gave it (else not recast)


@dataclass(frozen=True)
class HouseholdNow:
    id: str
    people: tuple[Occupant, ...]


@dataclass(frozen=True)
class Link:
    """A practitioner's link from ``a`` to ``b``, and the family ``b`` is in now (if any)."""

    a: str
    b: str
    family: str | None


@dataclass(frozen=True)
class Joining:
    person: str
    role: MemberRole  # CHILD, PARENT, OTHER or RELATIVE


@dataclass(frozen=True)
class FamilyGroup:
    """Households joined by practitioners' links: one family, new (``new_id`` set) or the one
    named by ``reference`` already, and who of them joins it."""

    reference: str
    new_id: str | None
    joining: tuple[Joining, ...]
    relatives: int  # of those joining, how many from outside the main household


def role(born: dt.date | None, today: dt.date) -> MemberRole:
    """A member's role in the family of the household they live in."""
    if born is None:
        return MemberRole.OTHER
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return MemberRole.CHILD if age < ADULT_AGE else MemberRole.PARENT


@dataclass(frozen=True)
class Recast:
    """A member whose role in their family no longer fits their age."""

    person: str
    family: str  # its reference
    role: MemberRole


# The roles this job gives by age; a relative, or a role a practitioner gave, is not recast.
_BY_AGE = frozenset({MemberRole.CHILD, MemberRole.PARENT, MemberRole.OTHER})


def recast(households: Sequence[HouseholdNow], today: dt.date) -> list[Recast]:
    """The members of families whose role, given by age when they joined, their date of birth
    (perhaps corrected since) now gives otherwise."""
    return [
        Recast(p.person, p.family, role(p.born, today))
        for h in households
        for p in h.people
        if p.family is not None and p.role in _BY_AGE and p.role is not role(p.born, today)
    ]


def new_family_id() -> str:
    return str(uuid.uuid4())


def groups(
    households: Sequence[HouseholdNow],
    links: Sequence[Link],
    today: dt.date,
    new_id: Callable[[], str] = new_family_id,
) -> list[FamilyGroup]:
    """The families the current households make, with the people who are in none yet. A group
    whose people are all in a family already is left out: it changes nothing."""
    household_of = {p.person: i for i, h in enumerate(households) for p in h.people}
    parent = list(range(len(households)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    outside: dict[int, set[str]] = {}
    for link in links:
        a, b = household_of.get(link.a), household_of.get(link.b)
        if a is None:
            continue
        if b is not None:
            parent[root(a)] = root(b)
        elif link.family:  # linked to someone already in a family elsewhere
            outside.setdefault(a, set()).add(link.family)
    members: dict[int, list[int]] = {}
    for i in range(len(households)):
        members.setdefault(root(i), []).append(i)
    found: list[FamilyGroup] = []
    for indexes in members.values():
        main = max(indexes, key=lambda i: (len(households[i].people), -i))
        families = {p.family for i in indexes for p in households[i].people if p.family}
        families |= {f for i in indexes for f in outside.get(i, set())}
        joining = [
            Joining(p.person, role(p.born, today) if i == main else MemberRole.RELATIVE)
            for i in indexes
            for p in households[i].people
            if not p.family
        ]
        relatives = sum(1 for j in joining if j.role is MemberRole.RELATIVE)
        if families:
            if joining:
                found.append(FamilyGroup(min(families), None, tuple(joining), relatives))
            continue
        family_id = new_id()
        reference = f"H-{family_id[:8].upper()}"
        found.append(FamilyGroup(reference, family_id, tuple(joining), relatives))
    return found
