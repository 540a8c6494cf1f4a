"""The shapes a household can take, each drawn into a FamilyDraft within its budget of people.

Every relationship is stored once: parent to child as PARENT, carer to child as CARER, each
sibling pair once. Half-siblings are SIBLING; children of each partner from earlier relationships
are STEP_SIBLING to each other.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Sequence
from itertools import combinations

from devtools.synthetic.demo.dataset import Row
from devtools.synthetic.demo.household import FamilyDraft, Member

_YEAR = 365
_KINDS = ("two_parents", "single_parent", "step_family", "kinship", "expectant")
_WEIGHTS = (36, 32, 18, 6, 8)
_MIN_SIZE = {"two_parents": 3, "single_parent": 2, "step_family": 3, "kinship": 2, "expectant": 1}


def draft_family(
    rng: random.Random,
    as_at: dt.date,
    address_keys: set[tuple[str, str | None, str]],
    budget: int,
) -> FamilyDraft:
    """Draw one family of at most ``budget`` (>= 1) people."""
    draft = FamilyDraft(rng, as_at, address_keys, budget)
    kind = rng.choices(_KINDS, _WEIGHTS)[0]
    if budget < _MIN_SIZE[kind]:
        kind = "single_parent" if budget >= 2 else "expectant"
    _BUILDERS[kind](draft, draft.home())
    return draft


def _child_ages(
    d: FamilyDraft, room: int, *, low: int = 0, high: int = 17, most: int = 4
) -> list[int]:
    count = max(1, min(d.rng.choices((1, 2, 3, 4), (35, 35, 20, 10))[0], most, room))
    return sorted((d.rng.randint(low, max(low, high)) for _ in range(count)), reverse=True)


def _children(d: FamilyDraft, ages: Sequence[int], surname: str, role: str) -> list[Member]:
    return [d.person(d.child_sex(), age, surname, role) for age in ages]


def _parent_age(d: FamilyDraft, child_ages: Sequence[int]) -> int:
    return min(max(child_ages) + d.rng.randint(18, 34), 58)


def _other(sex: str) -> str:
    return "M" if sex == "F" else "F"


def _raise(d: FamilyDraft, adults: Sequence[Member], kids: Sequence[Member], kind: str) -> None:
    for adult in adults:
        for kid in kids:
            d.relate(adult, kid, kind)


def _siblings(d: FamilyDraft, kids: Sequence[Member]) -> None:
    for first, second in combinations(kids, 2):
        d.relate(first, second, "SIBLING")


def _across(d: FamilyDraft, some: Sequence[Member], others: Sequence[Member], kind: str) -> None:
    for first in some:
        for second in others:
            d.relate(first, second, kind)


def _elsewhere(d: FamilyDraft, people: Sequence[Member], near: Row) -> None:
    """Give relatives a home of their own, near the family's more often than not."""
    for member in people:
        member.elsewhere = True
    address = d.home(d.district_near(near["postcodeDistrict"]))
    since = d.move_in_date(people, max_years=25)
    d.reside(people, address, since, None)
    if d.chance(0.15):
        before = since - dt.timedelta(days=d.rng.randint(_YEAR, 10 * _YEAR))
        d.reside(people, d.home(d.district_near(address["postcodeDistrict"])), before, since)


def _other_parent(
    d: FamilyDraft, kids: Sequence[Member], resident: Member, near: Row, chance: float
) -> None:
    if d.room < 1 or not d.chance(chance):
        return
    age = max(18, d.age(resident) + d.rng.randint(-4, 8))
    other = d.person(d.sex(_other(resident.person["sex"])), age, kids[0].family_name, "PARENT")
    _elsewhere(d, [other], near)
    for kid in kids:
        d.link(other, kid, "PARENT", "PARENT")


def _grandparents(d: FamilyDraft, parent: Member, kids: Sequence[Member], near: Row) -> None:
    if d.room < 1 or not d.chance(0.3):
        return
    age = min(d.age(parent) + d.rng.randint(19, 34), 92)
    grand = [d.person(d.sex("F"), age, parent.family_name, "RELATIVE")]
    if d.room > 0 and d.chance(0.5):
        age = min(age + d.rng.randint(-3, 6), 95)
        grand.append(d.person(d.sex("M"), age, parent.family_name, "RELATIVE"))
        d.relate(grand[0], grand[1], "PARTNER")
    _elsewhere(d, grand, near)
    for grandparent in grand:
        d.link(grandparent, parent, "PARENT", "PARENT_OF_ADULT")
        for kid in kids:
            d.link(grandparent, kid, "GRANDPARENT", "GRANDPARENT")


def _two_parents(d: FamilyDraft, home: Row) -> None:
    ages = _child_ages(d, d.room - 2)
    surname = d.surname()
    mother_age = _parent_age(d, ages)
    mother_name = surname if d.chance(0.75) else d.surname()
    mother = d.person(d.sex("F"), mother_age, mother_name, "PARENT")
    father = d.person(d.sex("M"), max(18, mother_age + d.rng.randint(-3, 7)), surname, "PARENT")
    kids = _children(d, ages, surname, "CHILD")
    d.relate(mother, father, "PARTNER")
    _raise(d, [mother, father], kids, "PARENT")
    _siblings(d, kids)
    d.settle([mother, father, *kids], [mother, father], home)
    _grandparents(d, d.rng.choice([mother, father]), kids, home)


def _single_parent(d: FamilyDraft, home: Row) -> None:
    ages = _child_ages(d, d.room - 1)
    surname = d.surname()
    sex = d.sex("F" if d.chance(0.85) else "M")
    parent = d.person(sex, _parent_age(d, ages), surname, "PARENT")
    kids = _children(d, ages, surname, "CHILD")
    _raise(d, [parent], kids, "PARENT")
    _siblings(d, kids)
    d.settle([parent, *kids], [parent], home)
    _other_parent(d, kids, parent, home, 0.45)
    _grandparents(d, parent, kids, home)


def _step_family(d: FamilyDraft, home: Row) -> None:
    prior_ages = _child_ages(d, d.room - 2, low=2, most=3)
    surname = d.surname()
    sex = d.sex("F" if d.chance(0.8) else "M")
    parent = d.person(sex, _parent_age(d, prior_ages), surname, "PARENT")
    prior = _children(d, prior_ages, surname, "STEP_CHILD")
    step_surname = d.surname()
    step_age = max(18, d.age(parent) + d.rng.randint(-5, 8))
    step = d.person(d.sex(_other(parent.person["sex"])), step_age, step_surname, "STEP_PARENT")
    shared: list[Member] = []
    if d.room > 0 and d.chance(0.4):
        ages = _child_ages(d, d.room, high=min(prior_ages) - 1, most=2)
        shared = _children(d, ages, step_surname, "CHILD")
    own: list[Member] = []
    if d.room > 0 and d.chance(0.25):
        # The step-parent's own child, born when they were an adult (the API refuses a parent
        # less than 12 years older than their child, policy/relationship_ages.toml).
        age = min(d.rng.randint(0, 17), step_age - 18)
        own = _children(d, [age], step_surname, "STEP_CHILD")
    d.relate(parent, step, "PARTNER")
    _raise(d, [parent], prior + shared, "PARENT")
    _raise(d, [step], shared + own, "PARENT")
    _raise(d, [step], prior, "STEP_PARENT")
    _raise(d, [parent], own, "STEP_PARENT")
    _siblings(d, prior + shared)
    _across(d, own, shared, "SIBLING")
    _across(d, own, prior, "STEP_SIBLING")
    since = d.settle([parent, *prior, *shared], [parent], home)
    # The step-parent moved in from a home of their own, before any shared child was born.
    earliest = max([60] + [(d.as_at - kid.dob).days + 280 for kid in shared])
    adult_days = (d.as_at - step.dob).days - 18 * _YEAR
    joined = d.as_at - dt.timedelta(days=d.rng.randint(earliest, max(earliest, adult_days)))
    joined = max(joined, since)
    d.reside([step, *own], home, joined, None)
    before = joined - dt.timedelta(days=d.rng.randint(_YEAR, 8 * _YEAR))
    d.reside([step, *own], d.home(d.district_near(home["postcodeDistrict"])), before, joined)
    _other_parent(d, prior, parent, home, 0.4)
    _grandparents(d, parent, prior + shared, home)


def _kinship(d: FamilyDraft, home: Row) -> None:
    ages = _child_ages(d, d.room - 1, most=3)
    surname = d.surname()
    carer_age = d.rng.randint(max(45, max(ages) + 36), 74)
    carers = [d.person(d.sex("F"), carer_age, surname, "CARER")]
    if d.room > len(ages) and d.chance(0.6):
        carers.append(d.person(d.sex("M"), carer_age + d.rng.randint(-3, 5), surname, "CARER"))
        d.relate(carers[0], carers[1], "PARTNER")
    kids = _children(d, ages, surname if d.chance(0.6) else d.surname(), "CHILD")
    _raise(d, carers, kids, "CARER")
    _siblings(d, kids)
    d.settle([*carers, *kids], carers, home)
    if d.room > 0 and d.chance(0.4):
        age = max(18, max(ages) + 16, carer_age - d.rng.randint(18, 30))
        parent = d.person(d.child_sex(), age, kids[0].family_name, "PARENT")
        _elsewhere(d, [parent], home)
        for kid in kids:
            d.link(parent, kid, "PARENT", "PARENT")
        d.link(carers[0], parent, "PARENT", "PARENT_OF_ADULT")


def _expectant(d: FamilyDraft, home: Row) -> None:
    parent = d.person(d.sex("F"), d.rng.randint(17, 30), d.surname(), "PARENT")
    d.settle([parent], [parent], home)
    if d.room > 0 and d.chance(0.35):
        age = d.age(parent) + d.rng.randint(18, 32)
        mother = d.person(d.sex("F"), age, parent.family_name, "RELATIVE")
        _elsewhere(d, [mother], home)
        d.link(mother, parent, "PARENT", "PARENT_OF_ADULT")


_BUILDERS: dict[str, Callable[[FamilyDraft, Row], None]] = {
    "two_parents": _two_parents,
    "single_parent": _single_parent,
    "step_family": _step_family,
    "kinship": _kinship,
    "expectant": _expectant,
}
