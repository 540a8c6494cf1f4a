"""What a partner gets wrong about a person, one named corruption at a time.

Each corruption that applies to a row is recorded on it with a detail, so that a pair of rows
of one person can be told apart by the corruptions that differ between them (two rows with the
same nickname do not differ in it; two rows with an unknown date of birth always do, as nothing
is known). The detail is the row's own key where every occurrence is its own error.
"""

from __future__ import annotations

import calendar
import random
from dataclasses import dataclass
from datetime import date, timedelta

from bench.linkage_truth.places import Address, abbreviated, postcode_typo
from bench.linkage_truth.population import AS_AT, Name, Person
from bench.linkage_truth.scripts import romanise
from bench.linkage_truth.variants import (
    CYRILLIC_NICKNAMES,
    apostrophe_forms,
    has_accents,
    has_apostrophe,
    nicknames,
    spellings,
    strip_accents,
)

CORRUPTIONS: dict[str, str] = {
    "name_swap": "given and family name swapped",
    "dob_unknown": "unknown date of birth sent as 1900-01-01",
    "dob_year_only": "year-only date of birth (YYYY-01-01)",
    "dob_month_end": "date of birth one day off across a month end",
    "script": "Cyrillic on one list, Latin on another",
    "translit": "another transliteration or English form (Mohammed/Muhammad, Oleksandr/Alexander)",
    "nickname": "nickname (Sasha/Alexander, Dai/David, Mae/Mary, Evie/Evelyn, Liam/William)",
    "maiden_name": "maiden vs married surname",
    "double_barrel_half": "one half of a double-barrelled surname",
    "typo": "keyboard typo in a name",
    "transposition": "two adjacent letters of a name transposed",
    "postcode_typo": "postcode typo",
    "moved": "previous address",
    "accents": "accents dropped",
    "apostrophe": "apostrophe written another way",
    "dob_day_month": "day and month of birth swapped",
    "suffix_jr": '"Jr" added to a name',
    "missing_fields": "optional fields missing (NHS number, UPN, sex, town, other names)",
    "address_abbreviation": "street type abbreviated (Lane/Ln)",
    "wrong_nhs": "another household member's NHS number",
}
# At most one of each group on a row.
_EXCLUSIVE = (
    {"dob_unknown", "dob_year_only", "dob_month_end", "dob_day_month"},
    {"nickname", "translit"},
    {"maiden_name", "double_barrel_half"},
    {"script", "translit", "accents", "apostrophe"},
    {"wrong_nhs", "missing_fields"},
)
_UNKNOWN_DATE = date(1900, 1, 1)
_KEYBOARD = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]


@dataclass
class Draft:
    """A row in the making: the person's values as this partner will send them."""

    given: Name
    family: Name
    other_names: str | None
    dob: date
    sex: str | None
    address: Address
    nhs: str | None
    upn: str | None
    town: bool
    cyrillic: bool = False
    given_text: str = ""
    family_text: str = ""
    postcode: str = ""
    line1: str = ""


def applicable(person: Person, draft: Draft, household: list[Person]) -> list[str]:
    """The corruptions that can happen to this row (in the order of CORRUPTIONS)."""
    born = person.dob
    last_day = calendar.monthrange(born.year, born.month)[1]
    checks: dict[str, bool] = {
        "name_swap": True,
        "dob_unknown": True,
        "dob_year_only": (born.month, born.day) != (1, 1),
        "dob_month_end": (born.day == 1 and born.year > 1900) or (
            born.day == last_day and born + timedelta(days=1) < AS_AT),
        "script": person.family.cyrillic is not None and person.given.cyrillic is not None,
        "translit": bool(spellings(person.given.latin, person.given.cyrillic)
                         or spellings(person.family.latin, person.family.cyrillic)),
        "nickname": bool(nicknames(person.given.latin, person.given.cyrillic)),
        "maiden_name": person.maiden is not None,
        "double_barrel_half": "-" in person.family.latin and person.family.cyrillic is None
        and not person.family.latin.startswith("Al-"),
        "typo": True,
        "transposition": True,
        "postcode_typo": True,
        "moved": True,
        "accents": has_accents(person.given.latin + person.family.latin),
        "apostrophe": has_apostrophe(person.family.latin),
        "dob_day_month": born.day <= 12 and born.day != born.month
        and born.replace(month=born.day, day=born.month) < AS_AT,
        "suffix_jr": person.sex == "male" and person.age >= 18,
        "missing_fields": any(v is not None for v in (draft.nhs, draft.upn, draft.sex))
        or draft.town,
        "address_abbreviation": abbreviated(person.address.line1) is not None,
        "wrong_nhs": draft.nhs is not None
        and any(p.nhs is not None and p.pid != person.pid for p in household),
    }  # fmt: skip
    return [kind for kind, possible in checks.items() if possible]


def compatible(kind: str, chosen: list[str]) -> bool:
    return all(kind != c and not any({kind, c} <= g for g in _EXCLUSIVE) for c in chosen)


def choose(weights: dict[str, float], eligible: list[str], count: int, rng: random.Random,
           already: list[str]) -> list[str]:  # fmt: skip
    """`already` and up to `count` more corruptions drawn by weight from the eligible ones, none
    excluding another."""
    chosen = list(already)
    count += len(chosen)
    pool = [k for k in eligible if weights.get(k, 0) > 0 and compatible(k, chosen)]
    while pool and len(chosen) < count:
        total = sum(weights[k] for k in pool)
        point = rng.random() * total
        pick = pool[-1]
        for kind in pool:
            point -= weights[kind]
            if point < 0:
                pick = kind
                break
        chosen.append(pick)
        pool = [k for k in pool if compatible(k, [pick])]
    return chosen


def apply(chosen: list[str], person: Person, draft: Draft, household: list[Person],
          rng: random.Random, key: str) -> tuple[dict[str, str], str | None]:  # fmt: skip
    """Apply the corruptions in a fixed order; return their details and, for a wrong NHS number,
    whose it is."""
    tags: dict[str, str] = {}
    borrowed_from: str | None = None
    kinds = set(chosen)
    # The name's form first: which surname, which spelling, which script.
    if "maiden_name" in kinds and person.maiden is not None:
        draft.family = person.maiden
        tags["maiden_name"] = "maiden"
    if "double_barrel_half" in kinds:
        half = rng.choice(draft.family.latin.split("-"))
        draft.family = Name(half)
        tags["double_barrel_half"] = half
    if "nickname" in kinds:
        nick = rng.choice(nicknames(person.given.latin, person.given.cyrillic))
        draft.given = Name(nick, _cyrillic_nickname(person, nick))
        tags["nickname"] = nick
    given_text, family_text = draft.given.latin, draft.family.latin
    if "translit" in kinds:
        given_options = spellings(person.given.latin, person.given.cyrillic)
        family_options = spellings(draft.family.latin, draft.family.cyrillic)
        if given_options and (not family_options or rng.random() < 0.7):
            given_text = rng.choice(given_options)
            tags["translit"] = f"given:{given_text}"
        elif family_options:  # (none when the surname was changed above)
            family_text = rng.choice(family_options)
            tags["translit"] = f"family:{family_text}"
    if "script" in kinds and draft.given.cyrillic and draft.family.cyrillic:
        given_text, family_text = draft.given.cyrillic, draft.family.cyrillic
        draft.cyrillic = True
        tags["script"] = "cyrillic"
    if "accents" in kinds:
        given_text, family_text = strip_accents(given_text), strip_accents(family_text)
        tags["accents"] = "stripped"
    if "apostrophe" in kinds:
        family_text = rng.choice(apostrophe_forms(family_text) or (family_text,))
        tags["apostrophe"] = family_text
    if "suffix_jr" in kinds:
        if rng.random() < 0.7:
            family_text += " Jr"
        else:
            given_text += " Jr"
        tags["suffix_jr"] = "jr"
    for kind, mangle in (("typo", _typo), ("transposition", _transpose)):
        if kind in kinds:
            if rng.random() < 0.5 and len(given_text) >= 3:
                given_text = mangle(given_text, rng)
            else:
                family_text = mangle(family_text, rng)
            tags[kind] = key
    if "name_swap" in kinds:
        given_text, family_text = family_text, given_text
        tags["name_swap"] = "swapped"
    draft.given_text, draft.family_text = given_text, family_text
    # Then the date of birth.
    born = person.dob
    if "dob_unknown" in kinds:
        draft.dob = _UNKNOWN_DATE
        tags["dob_unknown"] = key
    if "dob_year_only" in kinds:
        draft.dob = date(born.year, 1, 1)
        tags["dob_year_only"] = key
    if "dob_month_end" in kinds:
        draft.dob = born - timedelta(days=1) if born.day == 1 else born + timedelta(days=1)
        tags["dob_month_end"] = draft.dob.isoformat()
    if "dob_day_month" in kinds:
        draft.dob = born.replace(month=born.day, day=born.month)
        tags["dob_day_month"] = "swapped"
    # Then the address and the identifiers.
    if "moved" in kinds:
        draft.address = person.previous
        tags["moved"] = "previous"
    draft.postcode, draft.line1 = draft.address.postcode, draft.address.line1
    if "postcode_typo" in kinds:
        draft.postcode = postcode_typo(draft.postcode, rng)
        tags["postcode_typo"] = key
    if "address_abbreviation" in kinds:
        draft.line1 = abbreviated(draft.line1) or draft.line1
        tags["address_abbreviation"] = "abbreviated"
    if "missing_fields" in kinds:
        present = [f for f in ("nhs", "upn", "sex", "town") if getattr(draft, f)]
        for name in rng.sample(present, min(len(present), rng.randint(1, 2))):
            setattr(draft, name, False if name == "town" else None)
        draft.other_names = None
        tags["missing_fields"] = key
    if "wrong_nhs" in kinds:
        other = rng.choice([p for p in household if p.nhs is not None and p.pid != person.pid])
        draft.nhs = other.nhs
        borrowed_from = other.pid
        tags["wrong_nhs"] = key
    return tags, borrowed_from


def _cyrillic_nickname(person: Person, nick: str) -> str | None:
    for cyrillic in CYRILLIC_NICKNAMES.get(person.given.cyrillic or "", ()):
        if romanise(cyrillic) == nick:
            return cyrillic
    return None


def _neighbour(char: str, rng: random.Random) -> str:
    lower = char.lower()
    for row in _KEYBOARD:
        i = row.find(lower)
        if i >= 0:
            near = [row[j] for j in (i - 1, i + 1) if 0 <= j < len(row)]
            found = rng.choice(near)
            return found.upper() if char.isupper() else found
    return char


def _typo(text: str, rng: random.Random) -> str:
    """A wrong key next to the right one, a letter missed or a letter doubled; rarely the first."""
    if len(text) < 2:
        return text + text[-1:]
    i = rng.randrange(len(text)) if rng.random() < 0.15 else rng.randrange(1, len(text))
    action = rng.random()
    near = _neighbour(text[i], rng)
    if action < 0.55 and near != text[i]:
        return text[:i] + near + text[i + 1 :]
    if action < 0.8 and len(text) > 3:
        return text[:i] + text[i + 1 :]
    return text[:i] + text[i] + text[i:]


def _transpose(text: str, rng: random.Random) -> str:
    spots = [i for i in range(1, len(text) - 1) if text[i] != text[i + 1] and text[i + 1].isalpha()]
    if not spots:
        spots = [i for i in range(len(text) - 1) if text[i] != text[i + 1]]
    if not spots:
        return text + text[-1:]
    i = rng.choice(spots)
    return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
