"""The people behind the lists: households in towns, with twins and namesakes among them."""

# Cyrillic letters and typographic apostrophes are the point of these names.
# ruff: noqa: RUF001

from __future__ import annotations

import calendar
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TypeVar

from bench.linkage_truth.identifiers import Issuer
from bench.linkage_truth.names import LOCALES, NEAR_TWIN_NAMES, Locale
from bench.linkage_truth.places import TOWNS, Address, Streets
from bench.linkage_truth.scripts import romanise

AS_AT = date(2026, 11, 30)
T = TypeVar("T")

# Pairs of people who must never be linked, by why they are easy to confuse.
TWINS = "twins"
NEAR_NAMED_TWINS = "twins, names one letter apart"
NAMESAKES = "namesakes in other towns, born the same day"
NEAR_NAMESAKES = "namesakes in other towns, born days or months apart"
SHARED_NHS = "shared NHS number"
HAZARDS = (NEAR_NAMED_TWINS, TWINS, NAMESAKES, NEAR_NAMESAKES, SHARED_NHS)

# Relative sizes of the towns' share of the population.
_TOWN_WEIGHTS = {
    "Exeter": 12, "Exmouth": 5, "Plymouth": 12, "Caernarfon": 4, "Cardiff": 10, "Swansea": 6,
    "Glasgow": 12, "Bradford": 8, "Leicester": 10, "London": 12, "Peterborough": 6, "Belfast": 7,
}  # fmt: skip
# Local authority codes for the UPNs of children at school in each town.
_LA_CODES = {
    "Exeter": 878, "Exmouth": 878, "Plymouth": 879, "Caernarfon": 661, "Cardiff": 681,
    "Swansea": 670, "Glasgow": 915, "Bradford": 380, "Leicester": 856, "London": 316,
    "Peterborough": 874, "Belfast": 950,
}  # fmt: skip
_HOUSEHOLDS = (("couple_children", 34), ("single_parent", 20), ("single", 20), ("couple", 14),
               ("older", 12))  # fmt: skip
_NAMESAKE_SHARE = 0.025
_TWIN_SHARE = 0.07  # of households with children
_MONTH_EDGE_SHARE = 0.1  # born on the first or last day of a month


@dataclass(frozen=True)
class Name:
    latin: str
    cyrillic: str | None = None


@dataclass
class Person:
    pid: str
    household: str
    locale: str
    sex: str
    given: Name
    family: Name
    dob: date
    address: Address
    previous: Address
    needs: bool
    maiden: Name | None = None
    other_names: str | None = None
    nhs: str | None = None
    upn: str | None = None

    @property
    def age(self) -> int:
        return (
            AS_AT.year - self.dob.year - ((AS_AT.month, AS_AT.day) < (self.dob.month, self.dob.day))
        )


@dataclass
class Population:
    people: list[Person] = field(default_factory=list)
    households: dict[str, list[Person]] = field(default_factory=dict)
    hazards: dict[frozenset[str], str] = field(default_factory=dict)


class _Builder:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.streets = Streets(rng)
        self.ids = Issuer(rng)
        self.population = Population()
        self._pids = 0

    def pid(self) -> str:
        self._pids += 1
        return f"P{self._pids:06d}"

    def name(self, pool: tuple[str, ...], locale: Locale) -> Name:
        chosen = self.rng.choice(pool)
        return Name(romanise(chosen), chosen) if locale.cyrillic else Name(chosen)

    def surname(self, locale: Locale, sex: str) -> Name:
        chosen = self.rng.choice(locale.surnames)
        return self.gendered(Name(romanise(chosen), chosen) if locale.cyrillic else Name(chosen),
                             locale, sex)  # fmt: skip

    def gendered(self, surname: Name, locale: Locale, sex: str) -> Name:
        # Russian surnames in -ov, -ev, -in take -a for women.
        cyrillic = surname.cyrillic
        female = sex == "female"
        if (
            female
            and locale.name == "russian"
            and cyrillic
            and cyrillic.endswith(("ов", "ев", "ин"))
        ):
            return Name(romanise(cyrillic + "а"), cyrillic + "а")
        # Polish surnames in -ski, -cki, -dzki take -ska, -cka, -dzka for women.
        if locale.name == "polish" and sex == "female" and surname.latin.endswith("ki"):
            return Name(surname.latin[:-1] + "a")
        return surname

    def dob(self, age_low: int, age_high: int) -> date:
        latest = AS_AT - timedelta(days=365 * age_low + 1)
        earliest = AS_AT - timedelta(days=365 * (age_high + 1) - 1)
        born = earliest + timedelta(days=self.rng.randrange((latest - earliest).days))
        if self.rng.random() < _MONTH_EDGE_SHARE:
            last = calendar.monthrange(born.year, born.month)[1]
            born = born.replace(day=1 if self.rng.random() < 0.5 else last)
            born = min(born, latest)
        return born

    def add(self, person: Person) -> Person:
        if self.rng.random() < 0.96:
            person.nhs = self.ids.nhs_number()
        if 4 <= person.age <= 18 and self.rng.random() < 0.95:
            person.upn = self.ids.upn(_LA_CODES[person.address.town], person.dob.year)
        self.population.people.append(person)
        self.population.households.setdefault(person.household, []).append(person)
        return person

    def person(self, household: str, locale: Locale, sex: str, family: Name, born: date,
               home: tuple[Address, Address], needs: bool) -> Person:  # fmt: skip
        pool = locale.female if sex == "female" else locale.male
        given = self.name(pool, locale)
        other = None
        if not locale.cyrillic and self.rng.random() < 0.3:
            other = self.rng.choice(pool)
            other = None if other == given.latin else other
        return Person(self.pid(), household, locale.name, sex, given, family, born, home[0],
                      home[1], needs, other_names=other)  # fmt: skip

    def household(self, number: int) -> None:
        rng = self.rng
        town = _weighted(rng, [(t, _TOWN_WEIGHTS[t.name]) for t in TOWNS])
        locale = LOCALES[_weighted(rng, list(town.locales))]
        home = self.streets.new_address(town)
        moved_from = town if rng.random() < 0.75 else rng.choice([t for t in TOWNS if t != town])
        previous = self.streets.new_address(moved_from)
        hid = f"H{number:06d}"
        kind = _weighted(rng, list(_HOUSEHOLDS))
        needs = rng.random() < (0.5 if kind in ("couple_children", "single_parent") else 0.3)
        adults: list[Person] = []
        if kind == "older":
            ages = [(66, 92)] * rng.randint(1, 2)
        elif kind in ("couple", "couple_children"):
            ages = [(20, 55), (20, 55)]
        else:
            ages = [(18, 55)]
        sexes = ["female", "male"] if len(ages) == 2 else [rng.choice(["female", "male"])]
        if kind == "single_parent":
            sexes = ["female" if rng.random() < 0.85 else "male"]
        husband_name = self.surname(locale, "male")
        family_name = husband_name
        for (low, high), sex in zip(ages, sexes, strict=True):
            if sex == "male" or len(ages) == 1:
                surname = self.surname(locale, sex) if len(ages) == 1 else husband_name
                adult = self.person(hid, locale, sex, surname, self.dob(low, high),
                                    (home, previous), needs)  # fmt: skip
                family_name = surname
            else:
                born_name = self.surname(locale, sex)
                adult = self.person(hid, locale, sex, born_name, self.dob(low, high),
                                    (home, previous), needs)  # fmt: skip
                if born_name != husband_name and rng.random() < locale.takes_husbands_name:
                    adult.maiden = born_name
                    adult.family = self.gendered(husband_name, locale, sex)
            adults.append(adult)
        if kind in ("couple_children", "single_parent"):
            self.children(hid, locale, adults, family_name, (home, previous), needs)
        for adult in adults:
            self.add(adult)

    def children(self, hid: str, locale: Locale, parents: list[Person], surname: Name,
                 home: tuple[Address, Address], needs: bool) -> None:  # fmt: skip
        rng = self.rng
        youngest_parent = min(p.age for p in parents)
        oldest_child = max(0, min(17, youngest_parent - 18))
        mother = next((p for p in parents if p.maiden is not None), None)
        maiden = None if mother is None else mother.maiden
        if (maiden is not None and rng.random() < locale.double_barrelled
                and " " not in surname.latin + maiden.latin):  # fmt: skip
            surname = Name(f"{surname.latin}-{maiden.latin}")
            if rng.random() < 0.4:
                for parent in parents:
                    parent.family = surname
        count = _weighted(rng, [(1, 40), (2, 35), (3, 17), (4, 8)])
        twins = rng.random() < _TWIN_SHARE
        for i in range(count):
            sex = rng.choice(["female", "male"])
            child = self.person(hid, locale, sex, self.gendered(surname, locale, sex),
                                self.dob(0, oldest_child), home, needs)  # fmt: skip
            self.add(child)
            if twins and i == 0:
                self.twin(child, locale)

    def twin(self, first: Person, locale: Locale) -> None:
        rng = self.rng
        kind = TWINS
        if not locale.cyrillic and rng.random() < 0.5:
            one, other, sex = rng.choice(NEAR_TWIN_NAMES)
            first.given, first.sex = Name(one), sex
            given = Name(other)
            kind = NEAR_NAMED_TWINS
        else:
            sex = rng.choice(["female", "male"])
            pool = locale.female if sex == "female" else locale.male
            given = first.given
            while given.latin == first.given.latin:
                given = self.name(pool, locale)
        second = self.person(first.household, locale, sex, self.gendered(first.family, locale, sex),
                             first.dob, (first.address, first.previous), first.needs)  # fmt: skip
        second.given = given
        self.add(second)
        self.population.hazards[frozenset((first.pid, second.pid))] = kind

    def namesake(self, original: Person, number: int) -> None:
        rng = self.rng
        town = rng.choice([t for t in TOWNS if t.name != original.address.town])
        shift = rng.random()
        born = original.dob
        if shift > 0.6:
            born += timedelta(days=rng.choice([-3, -2, -1, 1, 2, 3]))
        if shift > 0.85:
            born = born.replace(month=rng.choice([m for m in range(1, 13) if m != born.month]),
                                day=min(born.day, 28))  # fmt: skip
        born = min(born, AS_AT - timedelta(days=1))
        hid = f"H{number:06d}"
        home = self.streets.new_address(town)
        other_town = self.streets.new_address(town)
        person = Person(self.pid(), hid, original.locale,
                        original.sex, original.given, original.family, born, home, other_town,
                        rng.random() < 0.4)  # fmt: skip
        self.add(person)
        kind = NAMESAKES if born == original.dob else NEAR_NAMESAKES
        self.population.hazards[frozenset((original.pid, person.pid))] = kind


def _weighted(rng: random.Random, choices: list[tuple[T, float]]) -> T:
    total = sum(w for _, w in choices)
    point = rng.random() * total
    for value, weight in choices:
        point -= weight
        if point < 0:
            return value
    return choices[-1][0]


def build(people: int, rng: random.Random) -> Population:
    """About `people` people (whole households), a few of them namesakes of others elsewhere."""
    builder = _Builder(rng)
    households = 0
    target = int(people * (1 - _NAMESAKE_SHARE))
    while len(builder.population.people) < target:
        households += 1
        builder.household(households)
    originals = [p for p in builder.population.people if p.age >= 8]
    for original in rng.sample(originals, min(len(originals), people - target)):
        households += 1
        builder.namesake(original, households)
    return builder.population
