"""The synthetic truth set: valid lists, from catalogue partners, with the hard cases built in."""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from datetime import date

import pytest

from devtools.synthetic.names import NICKNAMES
from devtools.synthetic.partner_lists import (
    AS_AT,
    PARTNERS,
    SyntheticLists,
    generate_lists,
    source_key,
)
from devtools.synthetic.partner_lists._population import DISTRICTS, populate
from devtools.synthetic.reference import CRITERIA, ORGANISATIONS, POSTCODE_DISTRICTS
from intake import parse

Row = dict[str, str]


@pytest.fixture(scope="module")
def lists() -> SyntheticLists:
    return generate_lists(3_000, seed=5)


def _rows(lists: SyntheticLists) -> dict[str, list[Row]]:
    """Person id -> that person's rows on every list (with the organisation added)."""
    by_person: dict[str, list[Row]] = defaultdict(list)
    for organisation, data in lists.files.items():
        for row in csv.DictReader(io.StringIO(data.decode())):
            key = source_key(organisation, row["partner_reference"])
            by_person[lists.truth[key]].append({**row, "organisation": organisation})
    return by_person


def test_every_row_of_every_list_parses_cleanly(lists: SyntheticLists) -> None:
    keys = set()
    for organisation, data in lists.files.items():
        parsed = parse(data, filename="list.csv", known_criteria=lists.criteria, today=AS_AT)
        assert parsed.rejections == (), organisation
        keys |= {source_key(organisation, row.partner_reference) for row in parsed.accepted}
    assert keys == set(lists.truth)
    assert lists.rows == len(keys)


def test_the_same_seed_gives_the_same_lists_and_another_seed_others() -> None:
    assert generate_lists(400, seed=9) == generate_lists(400, seed=9)
    assert generate_lists(400, seed=9).files != generate_lists(400, seed=10).files


def test_six_partners_of_six_sectors_all_in_the_demo_catalogue(lists: SyntheticLists) -> None:
    sectors = {o.id: o.sector for o in ORGANISATIONS}
    assert len({p.sector for p in PARTNERS}) == 6
    for partner in PARTNERS:
        assert sectors[partner.organisation_id] == partner.sector
    assert set(lists.files) == {p.organisation_id for p in PARTNERS}


def test_criteria_and_places_are_the_catalogues() -> None:
    ages = {c.code: (c.min_age, c.max_age) for c in CRITERIA}
    for partner in PARTNERS:
        for code, low, high in partner.criteria:
            assert ages[code] == (low, high), code
    assert {(d, t) for d, t, _ in DISTRICTS} <= {(d, t) for d, t, _ in POSTCODE_DISTRICTS}


def test_each_person_is_on_one_to_four_lists_at_most_once_each(lists: SyntheticLists) -> None:
    rows = _rows(lists)
    assert len(rows) == lists.people == 3_000
    assert set(Counter(len(r) for r in rows.values())) == {1, 2, 3, 4}
    for person_rows in rows.values():
        organisations = [r["organisation"] for r in person_rows]
        assert len(organisations) == len(set(organisations))


def test_partners_hold_the_identifiers_of_their_sector(lists: SyntheticLists) -> None:
    rows = [r for person_rows in _rows(lists).values() for r in person_rows]
    health = [r for r in rows if r["organisation"] == "org-rd-e-nhs-foundation-trust"]
    assert sum(bool(r["nhs_number"]) for r in health) > 0.9 * len(health)
    school = [r for r in rows if r["organisation"].startswith("org-babcock")]
    assert sum(bool(r["upn"]) for r in school) > 0.9 * len(school)
    assert not any(r.get("nhs_number") for r in school)
    for r in school:
        age = (AS_AT - date.fromisoformat(r["date_of_birth"])).days / 365.25
        assert 3.5 < age < 17.5
    police = [r for r in rows if r["organisation"] == "org-devon-and-cornwall-police"]
    assert not any(r.get("nhs_number") or r.get("upn") for r in police)


def test_the_noise_that_makes_matching_hard_is_there(lists: SyntheticLists) -> None:
    nicknames = {(full, short) for full, shorts in NICKNAMES.items() for short in shorts}
    seen: Counter[str] = Counter()
    for person_rows in _rows(lists).values():
        for a in person_rows:
            for b in person_rows:
                given = (a["given_name"], b["given_name"])
                seen["nickname"] += given in nicknames
                seen["case"] += a["family_name"] != b["family_name"] and (
                    a["family_name"].casefold() == b["family_name"].casefold()
                )
                da, db = (
                    date.fromisoformat(a["date_of_birth"]),
                    date.fromisoformat(b["date_of_birth"]),
                )
                swapped = da != db and (da.day, da.month) == (db.month, db.day)
                seen["day and month swapped"] += swapped
                seen["moved"] += a["address_line1"] != b["address_line1"]
                seen["missing sex"] += bool(a["sex"]) != bool(b["sex"])
    assert min(seen.values()) > 10, seen
    assert seen["missing sex"] > 10


def test_households_hold_twins_shared_houses_and_people_who_moved() -> None:
    import random

    people = populate(random.Random(3), 3_000, AS_AT)
    by_id = {p.id: p for p in people}
    twins = [(p, by_id[p.twin_of]) for p in people if p.twin_of]
    assert len(twins) > 20
    for a, b in twins:
        assert (a.family_name, a.date_of_birth, a.address) == (
            b.family_name,
            b.date_of_birth,
            b.address,
        )
        assert a.given_name != b.given_name
        assert a.nhs_number != b.nhs_number
    at_uprn: dict[str, set[str]] = defaultdict(set)
    for p in people:
        at_uprn[p.address.uprn].add(p.family_name)
    assert sum(len(names) >= 3 for names in at_uprn.values()) > 10
    assert sum(p.previous_address is not None for p in people) > 0.1 * len(people)
    assert len({p.nhs_number for p in people}) == len(people)
