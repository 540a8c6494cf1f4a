"""The true people behind the synthetic lists: households at addresses, with their identifiers.

Households are families (a couple or a lone parent with children, sometimes twins), people living
alone or as couples, and houses in multiple occupation (unrelated adults at one address, one UPRN).
Several households share each postcode, and flats in one building share theirs, so a postcode
alone never identifies anyone. Some households moved, and keep the address they left, for the
partner who has not heard yet.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field, replace

from devtools.synthetic.names import FAMILY, FEMALE, MALE, NICKNAMES
from intake.identifiers import nhs_check_digit, upn_check_letter

# (district, post town, weight): a subset of devtools.synthetic.reference's districts (a test
# keeps them in step).
DISTRICTS: tuple[tuple[str, str, int], ...] = (
    ("EX1", "Exeter", 5),
    ("EX2", "Exeter", 8),
    ("EX4", "Exeter", 8),
    ("EX8", "Exmouth", 5),
    ("EX16", "Tiverton", 3),
    ("EX31", "Barnstaple", 4),
    ("EX39", "Bideford", 3),
    ("TQ1", "Torquay", 4),
    ("TQ2", "Torquay", 5),
    ("TQ3", "Paignton", 4),
    ("TQ12", "Newton Abbot", 5),
    ("PL1", "Plymouth", 4),
    ("PL2", "Plymouth", 5),
    ("PL4", "Plymouth", 5),
    ("PL5", "Plymouth", 5),
    ("PL6", "Plymouth", 4),
)
_UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
_STREETS = (
    "Fore Street",
    "High Street",
    "Station Road",
    "Church Road",
    "Mill Lane",
    "Queen Street",
    "Park Road",
    "Victoria Road",
    "Chapel Street",
    "Barton Close",
    "Orchard Way",
    "Meadow View",
    "Cross Park",
    "Tamar Road",
    "Moor View",
    "Harbour Road",
    "Castle Street",
    "Priory Road",
    "Beacon Lane",
    "North Road",
    "Market Street",
)
_BUILDINGS = ("Harbour Court", "Exe View House", "Tamar House", "Dart Court", "Priory Court")
_YEAR = 365.25
# About as many households per postcode as a real unit has delivery points, give or take.
_HOUSEHOLDS_PER_POSTCODE = 8


@dataclass(frozen=True, slots=True)
class Address:
    uprn: str
    line1: str
    line2: str | None
    town: str
    postcode: str


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    given_name: str
    other_names: str | None
    family_name: str
    sex: str  # "female", "male" or "unknown"
    date_of_birth: dt.date
    nhs_number: str
    upn: str | None
    address: Address
    previous_address: Address | None
    twin_of: str | None = None


def _weighted(names: tuple[str, ...]) -> list[float]:
    return [1 / (rank + 1) ** 0.7 for rank in range(len(names))]


_WEIGHTS = {names: _weighted(names) for names in (FEMALE, MALE, FAMILY)}
_GROUP = {full: full for full in NICKNAMES} | {
    short: full for full, shorts in NICKNAMES.items() for short in shorts
}


@dataclass
class _Draw:
    """One random stream and the identifiers and places already handed out from it."""

    rng: random.Random
    as_at: dt.date
    people: list[Person] = field(default_factory=list)
    nhs_numbers: set[str] = field(default_factory=set)
    upns: set[str] = field(default_factory=set)
    uprns: set[str] = field(default_factory=set)
    postcodes: dict[str, list[str]] = field(default_factory=dict)
    buildings: dict[tuple[str, str], str] = field(default_factory=dict)

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def name(self, names: tuple[str, ...]) -> str:
        return self.rng.choices(names, _WEIGHTS[names])[0]

    def given(self, sex: str) -> str:
        names = {"female": FEMALE, "male": MALE}.get(sex) or self.rng.choice((FEMALE, MALE))
        return self.name(names)

    def sex(self) -> str:
        return "unknown" if self.chance(0.003) else self.rng.choice(("female", "male"))

    def born(self, age_from: float, age_to: float) -> dt.date:
        days = self.rng.uniform(age_from * _YEAR, age_to * _YEAR)
        return self.as_at - dt.timedelta(days=int(days))

    def nhs_number(self) -> str:
        while True:
            first_nine = self.rng.choice("4679") + f"{self.rng.randrange(10**8):08d}"
            check = nhs_check_digit(first_nine)
            number = f"{first_nine}{check}"
            if check is not None and number not in self.nhs_numbers:
                self.nhs_numbers.add(number)
                return number

    def upn(self, dob: dt.date, district: str) -> str | None:
        age = (self.as_at - dob).days / _YEAR
        if not 4 <= age < 17:
            return None  # UPNs are for school-age children
        authority = {"PL": "879", "TQ": "880"}.get(district[:2], "878")
        while True:
            school = self.rng.choice(("2", "3", "4")) + f"{self.rng.randrange(1000):03d}"
            year = f"{(dob.year + 5) % 100:02d}"
            tail = f"{authority}{school}{year}{self.rng.randrange(1000):03d}"
            upn = upn_check_letter(tail) + tail
            if upn not in self.upns:
                self.upns.add(upn)
                return upn

    def uprn(self) -> str:
        while True:
            uprn = str(self.rng.randrange(10**10, 10**12))
            if uprn not in self.uprns:
                self.uprns.add(uprn)
                return uprn

    def postcode(self, district: str) -> str:
        pool = self.postcodes.setdefault(district, [])
        if pool and not self.chance(1 / _HOUSEHOLDS_PER_POSTCODE):
            return self.rng.choice(pool)
        while True:
            letters = "".join(self.rng.choices(_UNIT_LETTERS, k=2))
            postcode = f"{district} {self.rng.randint(1, 9)}{letters}"
            if postcode not in pool:
                pool.append(postcode)
                return postcode

    def address(self, district: str | None = None) -> Address:
        if district is None:
            district = self.rng.choices([d for d, _, _ in DISTRICTS], [w for _, _, w in DISTRICTS])[
                0
            ]
        town = next(t for d, t, _ in DISTRICTS if d == district)
        street = self.rng.choice(_STREETS)
        if self.chance(0.25):  # a flat: the building's postcode, the flat's own UPRN
            building = self.rng.choice(_BUILDINGS)
            postcode = self.buildings.setdefault((district, building), self.postcode(district))
            line1 = f"Flat {self.rng.randint(1, 30)}, {building}"
            return Address(self.uprn(), line1, street, town, postcode)
        line1 = f"{self.rng.randint(1, 180)} {street}"
        return Address(self.uprn(), line1, None, town, self.postcode(district))

    def person(
        self,
        sex: str,
        dob: dt.date,
        family_name: str,
        home: Address,
        previous: Address | None,
        given: str | None = None,
    ) -> Person:
        given = given or self.given(sex)
        middle = self.given(sex) if self.chance(0.6) else None
        person = Person(
            id=f"person-{len(self.people) + 1:06d}",
            given_name=given,
            other_names=None if middle == given else middle,
            family_name=family_name,
            sex=sex,
            date_of_birth=dob,
            nhs_number=self.nhs_number(),
            upn=self.upn(dob, home.postcode.split()[0]),
            address=home,
            previous_address=previous,
        )
        self.people.append(person)
        return person


def _moved(draw: _Draw, home: Address) -> Address | None:
    if not draw.chance(0.15):
        return None
    district = home.postcode.split()[0] if draw.chance(0.6) else None
    return draw.address(district)


def _family(draw: _Draw, *, couple: bool) -> None:
    home = draw.address()
    previous = _moved(draw, home)
    surname = draw.name(FAMILY)
    first_sex = "female" if draw.chance(0.8 if not couple else 0.5) else "male"
    first_dob = draw.born(20, 52)
    draw.person(first_sex, first_dob, surname, home, previous)
    children_surname = surname
    if couple:
        other_sex = {"female": "male", "male": "female"}[first_sex]
        other_surname = surname if draw.chance(0.75) else draw.name(FAMILY)
        other_age = max(19.0, (draw.as_at - first_dob).days / _YEAR + draw.rng.uniform(-5, 5))
        draw.person(other_sex, draw.born(other_age, other_age + 1), other_surname, home, previous)
    elif draw.chance(0.35):
        children_surname = draw.name(FAMILY)  # the children have their other parent's name
    oldest = min(17, (draw.as_at - first_dob).days / _YEAR - 18)
    births: list[dt.date] = []
    for _ in range(draw.rng.choices((1, 2, 3, 4), (35, 40, 18, 7))[0]):
        dob = draw.born(0, max(oldest, 0.5))
        if all(abs((dob - other).days) > 300 for other in births):
            births.append(dob)
    for dob in births:
        if draw.chance(0.04):
            _twins(draw, dob, children_surname, home, previous)
        else:
            draw.person(draw.sex(), dob, children_surname, home, previous)


def _twins(draw: _Draw, dob: dt.date, surname: str, home: Address, prev: Address | None) -> None:
    first = draw.person(draw.sex(), dob, surname, home, prev)
    second_sex = draw.sex()
    while True:  # twins are never given the same name, nor forms of one name
        given = draw.given(second_sex)
        if _GROUP.get(given, given) != _GROUP.get(first.given_name, first.given_name):
            break
    second = draw.person(second_sex, dob, surname, home, prev, given=given)
    draw.people[-2:] = [replace(first, twin_of=second.id), replace(second, twin_of=first.id)]


def _alone(draw: _Draw, *, couple: bool) -> None:
    home = draw.address()
    previous = _moved(draw, home)
    surname = draw.name(FAMILY)
    dob = draw.born(18, 90)
    sex = draw.sex()
    draw.person(sex, dob, surname, home, previous)
    if couple:
        age = (draw.as_at - dob).days / _YEAR
        partner_sex = {"female": "male", "male": "female"}.get(sex, draw.sex())
        draw.person(partner_sex, draw.born(max(18, age - 6), age + 6), surname, home, previous)


def _shared_house(draw: _Draw) -> None:
    """A house in multiple occupation: unrelated adults, one front door, one UPRN."""
    home = draw.address()
    for _ in range(draw.rng.randint(3, 6)):
        draw.person(draw.sex(), draw.born(18, 60), draw.name(FAMILY), home, _moved(draw, home))


_KINDS = ("couple_family", "lone_parent", "alone", "couple", "shared_house")
_KIND_WEIGHTS = (35, 20, 20, 15, 10)


def populate(rng: random.Random, people: int, as_at: dt.date) -> list[Person]:
    """At least `people` people (the last household may take it a few over), in households."""
    draw = _Draw(rng, as_at)
    while len(draw.people) < people:
        kind = rng.choices(_KINDS, _KIND_WEIGHTS)[0]
        if kind in ("couple_family", "lone_parent"):
            _family(draw, couple=kind == "couple_family")
        elif kind == "shared_house":
            _shared_house(draw)
        else:
            _alone(draw, couple=kind == "couple")
    return draw.people
