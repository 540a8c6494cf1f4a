"""One family's people, homes and relationships, drawn from that family's own random stream.

A family is a household at one address (couple or lone parent with children, a step-family,
grandparents bringing up grandchildren, or an expectant parent living alone), plus sometimes
relatives at other addresses (grandparents, a non-resident parent) whom a practitioner linked in.
Dates are left for ``generate`` to fill in where they depend on when the family was identified.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

from devtools.synthetic.demo.dataset import Row
from devtools.synthetic.names import COMMON_FAMILY, COMMON_GIVEN
from devtools.synthetic.reference import (
    BUILDINGS,
    POSTCODE_DISTRICTS,
    POSTCODE_UNIT_LETTERS,
    STREETS,
)
from vocabulary import name_key

_DISTRICTS = [district for district, _, _ in POSTCODE_DISTRICTS]
_DISTRICT_WEIGHTS = [weight for _, _, weight in POSTCODE_DISTRICTS]
_TOWNS = {district: town for district, town, _ in POSTCODE_DISTRICTS}
_YEAR = 365

RATIONALES: dict[str, tuple[str, ...]] = {
    "GRANDPARENT": (
        "Provides regular childcare after school and has significant influence on the children.",
        "Children stay with their grandparent most weekends; named as a key support in the "
        "early help assessment.",
        "Grandparent attends school meetings and is part of the family's safety plan.",
    ),
    "PARENT": (
        "Non-resident parent with regular contact who shares parental responsibility.",
        "Parent lives separately but is involved in school and health appointments.",
        "Parent has contact under a child arrangements order; included in the plan with consent.",
    ),
    "PARENT_OF_ADULT": (
        "Parent of the resident adult and the household's main source of practical support.",
        "Supports the resident parent daily; agreed at the team around the family meeting.",
    ),
}


@dataclass
class Member:
    person: Row
    dob: dt.date
    role: str
    elsewhere: bool = False

    @property
    def id(self) -> str:
        person_id: str = self.person["id"]
        return person_id

    @property
    def family_name(self) -> str:
        name: str = self.person["familyName"]
        return name


@dataclass
class FamilyDraft:
    rng: random.Random
    as_at: dt.date
    address_keys: set[tuple[str, str | None, str]]
    budget: int
    members: list[Member] = field(default_factory=list)
    addresses: list[Row] = field(default_factory=list)
    lives_at: list[Row] = field(default_factory=list)
    relations: list[Row] = field(default_factory=list)
    links: list[Row] = field(default_factory=list)

    @property
    def room(self) -> int:
        return self.budget - len(self.members)

    def uid(self) -> str:
        # From the family's stream, never uuid4, so that the same seed gives the same ids.
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def chance(self, probability: float) -> bool:
        return self.rng.random() < probability

    def surname(self) -> str:
        return self.rng.choice(COMMON_FAMILY)

    def sex(self, usual: str) -> str:
        return "X" if self.chance(0.004) else usual

    def child_sex(self) -> str:
        return self.sex(self.rng.choice("FM"))

    def person(self, sex: str, age: int, family_name: str, role: str) -> Member:
        names = COMMON_GIVEN[sex] if sex in COMMON_GIVEN else COMMON_GIVEN[self.rng.choice("FM")]
        given = self.rng.choice(names)
        dob = self.as_at - dt.timedelta(days=age * _YEAR + self.rng.randint(0, _YEAR - 1))
        row = {
            "id": self.uid(),
            "givenName": given,
            "familyName": family_name,
            "nameKey": name_key(given, family_name),
            "dateOfBirth": dob,
            "sex": sex,
        }
        member = Member(row, dob, role)
        self.members.append(member)
        return member

    def age(self, member: Member) -> int:
        return (self.as_at - member.dob).days // _YEAR

    def district_near(self, district: str) -> str:
        if self.chance(0.7):
            return district
        return self.rng.choices(_DISTRICTS, _DISTRICT_WEIGHTS)[0]

    def home(self, district: str | None = None) -> Row:
        rng = self.rng
        district = district or rng.choices(_DISTRICTS, _DISTRICT_WEIGHTS)[0]
        while True:
            street = rng.choice(STREETS)
            if self.chance(0.2):
                line1, line2 = f"Flat {rng.randint(1, 24)}, {rng.choice(BUILDINGS)}", street
            else:
                line1, line2 = f"{rng.randint(1, 180)} {street}", None
            letters = "".join(rng.choices(POSTCODE_UNIT_LETTERS, k=2))
            postcode = f"{district} {rng.randint(1, 9)}{letters}"
            # Redraw rather than give two households the same front door.
            if (line1, line2, postcode) not in self.address_keys:
                self.address_keys.add((line1, line2, postcode))
                break
        row = {
            "id": self.uid(),
            "uprn": str(rng.randint(10**10, 10**12 - 1)) if self.chance(0.8) else None,
            "line1": line1,
            "line2": line2,
            "town": _TOWNS[district],
            "postcode": postcode,
            "postcodeDistrict": district,
        }
        self.addresses.append(row)
        return row

    def reside(
        self, members: Sequence[Member], address: Row, since: dt.date, until: dt.date | None
    ) -> None:
        for member in members:
            if until is not None and member.dob >= until:
                continue  # born after the family left this address
            self.lives_at.append(
                {
                    "personId": member.id,
                    "addressId": address["id"],
                    "from": max(since, member.dob),
                    "to": until,
                }
            )

    def move_in_date(self, adults: Sequence[Member], *, max_years: int) -> dt.date:
        """A date the adults moved in: after the youngest turned 18, at least 60 days ago."""
        youngest = max(adult.dob for adult in adults)
        adult_days = (self.as_at - youngest).days - 18 * _YEAR
        return self.as_at - dt.timedelta(
            days=self.rng.randint(60, max(61, min(max_years * _YEAR, adult_days)))
        )

    def settle(self, members: Sequence[Member], adults: Sequence[Member], address: Row) -> dt.date:
        """Current residence at ``address`` from the date returned; some moved from another."""
        since = self.move_in_date(adults, max_years=15)
        self.reside(members, address, since, None)
        if self.chance(0.3):
            previous = self.home(self.district_near(address["postcodeDistrict"]))
            before = since - dt.timedelta(days=self.rng.randint(_YEAR, 8 * _YEAR))
            self.reside(members, previous, before, since)
        return since

    def relate(self, start: Member, end: Member, kind: str) -> None:
        """Record a household relationship; ``start`` is ``kind`` of ``end``."""
        self.relations.append(_relation(self.uid(), start, end, kind, "HOUSEHOLD", None))

    def link(self, start: Member, end: Member, kind: str, rationale: str) -> None:
        """Record a practitioner's cross-address link; ``start`` is ``kind`` of ``end``."""
        text = self.rng.choice(RATIONALES[rationale])
        self.links.append(_relation(self.uid(), start, end, kind, "PRACTITIONER", text))


def _relation(
    id_: str, start: Member, end: Member, kind: str, source: str, rationale: str | None
) -> Row:
    # createdAt and createdBy are filled in once the family's identification date is known.
    return {
        "id": id_,
        "fromId": start.id,
        "toId": end.id,
        "kind": kind,
        "source": source,
        "createdAt": None,
        "createdBy": None,
        "rationale": rationale,
        "revokedAt": None,
    }
