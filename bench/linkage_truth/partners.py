"""The seven partners: whom each lists, which fields it holds, and the errors it makes.

Each error model gives the share of rows with any corruption and the relative weight of each
corruption among those that can apply to the row (a nickname only where the name has one, a
month-end date only for someone born on the first or last of a month, and so on).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from bench.linkage_truth.population import Person

# The 2015 criterion codes the partners report (all in the project's catalogue).
CRITERIA = frozenset({"CN3", "CR2", "DA1", "DA2", "HE1", "HE2", "SA1", "WK1", "WK3"})

_SETTLED_HERE = {"ukrainian", "russian", "arabic", "west_african"}


@dataclass(frozen=True)
class Partner:
    organisation: str
    prefix: str
    format: str  # "csv" or "jsonl"
    # The chance that a person is on this partner's list.
    chance: Callable[[Person], float]
    criteria: Callable[[Person], tuple[str, ...]]
    corrupt: float  # share of rows with at least one corruption
    weights: dict[str, float]
    second: float = 0.2  # share of corrupted rows with a second corruption
    # Corruptions that come from the partner's system rather than from slips, with the share of
    # the rows they can apply to that have them (a system that cannot store accents, say).
    habits: dict[str, float] = field(default_factory=dict)
    nhs: float = 0.0  # share of rows that carry the person's NHS number
    upn: float = 0.0
    sex: float = 0.95
    other_names: float = 0.0
    town: float = 0.8
    sex_style: tuple[str, str] = ("female", "male")


def _child(p: Person) -> bool:
    return p.age < 18


def _council(p: Person) -> float:
    if _child(p):
        return 0.75 if p.needs else 0.06
    return 0.55 if p.needs else 0.04


def _schools(p: Person) -> float:
    if not 4 <= p.age <= 16:
        return 0.0
    return 0.85 if p.needs else 0.3


def _health(p: Person) -> float:
    return 0.7 if p.needs else 0.25


def _police(p: Person) -> float:
    if p.age < 10:
        return 0.0
    return 0.5 if p.needs else 0.06


def _housing(p: Person) -> float:
    if _child(p):
        return 0.0
    return 0.6 if p.needs else 0.12


def _jobcentre(p: Person) -> float:
    if not 18 <= p.age <= 66:
        return 0.0
    return 0.55 if p.needs else 0.1


def _charity(p: Person) -> float:
    if p.locale in _SETTLED_HERE:
        return 0.8 if p.needs else 0.4
    return 0.06 if p.needs else 0.01


PARTNERS: tuple[Partner, ...] = (
    Partner(
        "org-lt-county-childrens-services", "CSC", "csv", _council,
        lambda p: ("CN3",) if _child(p) else ("DA1",),
        corrupt=0.25,
        weights={"typo": 2, "transposition": 1, "nickname": 3, "moved": 2, "postcode_typo": 1,
                 "maiden_name": 3, "double_barrel_half": 8, "dob_day_month": 2,
                 "missing_fields": 1, "wrong_nhs": 0.3, "accents": 4, "apostrophe": 4,
                 "address_abbreviation": 1},
        nhs=0.7, upn=0.5, other_names=0.5,
    ),
    Partner(
        "org-lt-schools", "EDU", "csv", _schools, lambda p: ("SA1",),
        corrupt=0.3,
        weights={"nickname": 5, "double_barrel_half": 12, "accents": 5, "apostrophe": 5,
                 "typo": 1, "transposition": 1, "moved": 1, "name_swap": 0.5, "translit": 4,
                 "missing_fields": 0.5},
        upn=0.95, sex_style=("F", "M"), habits={"double_barrel_half": 0.35},
    ),
    Partner(
        "org-lt-health-trust", "NHS", "jsonl", _health,
        lambda p: ("HE2",) if _child(p) else ("HE1",),
        corrupt=0.25,
        weights={"wrong_nhs": 0.6, "name_swap": 1.5, "dob_month_end": 12, "accents": 3,
                 "typo": 1, "translit": 3, "moved": 1, "missing_fields": 1, "maiden_name": 2,
                 "address_abbreviation": 0.5, "nickname": 1},
        nhs=0.97, other_names=0.8, sex=1.0, habits={"apostrophe": 0.3},
    ),
    Partner(
        "org-lt-police", "POL", "csv", _police, lambda p: ("CR2",) if _child(p) else ("DA2",),
        corrupt=0.35,
        weights={"name_swap": 3, "dob_unknown": 2, "dob_year_only": 1, "dob_day_month": 3,
                 "suffix_jr": 3, "nickname": 4, "translit": 4, "typo": 2, "transposition": 1,
                 "moved": 2, "postcode_typo": 1, "apostrophe": 4},
        other_names=0.3, sex_style=("F", "M"), habits={"apostrophe": 0.4, "accents": 0.3},
    ),
    Partner(
        "org-lt-housing", "HSG", "csv", _housing, lambda p: ("WK3",),
        corrupt=0.3,
        weights={"maiden_name": 5, "double_barrel_half": 10, "address_abbreviation": 3,
                 "apostrophe": 4, "dob_day_month": 3, "typo": 1, "missing_fields": 1,
                 "nickname": 3, "dob_year_only": 0.5},
        sex=0.7, town=1.0, habits={"double_barrel_half": 0.25, "apostrophe": 0.3},
    ),
    Partner(
        "org-lt-jobcentre", "DWP", "csv", _jobcentre, lambda p: ("WK1",),
        corrupt=0.3,
        weights={"maiden_name": 6, "moved": 3, "dob_month_end": 10, "translit": 3, "typo": 1,
                 "transposition": 1, "nickname": 3, "suffix_jr": 2, "accents": 3},
        sex_style=("F", "M"), habits={"accents": 0.5, "apostrophe": 0.4},
    ),
    Partner(
        "org-lt-refugee-support", "VCS", "jsonl", _charity, lambda p: ("DA1",),
        corrupt=0.6,
        weights={"script": 8, "translit": 4, "dob_year_only": 3, "dob_unknown": 2,
                 "missing_fields": 1, "name_swap": 2, "nickname": 1, "typo": 1},
        nhs=0.2, sex=0.6, town=0.5, habits={"script": 0.5},
    ),
)  # fmt: skip
