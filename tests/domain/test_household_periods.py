"""The pure rules behind residences and households (domain.households), without a database.

Each case is a situation the data team would recognise: a move, a stale record, a couple, a
step-family, a house of lodgers. Dates are plain ``date`` values; people and addresses are short
names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pytest

from domain.households.periods import (
    Household,
    Residence,
    Resident,
    Sighting,
    households_at,
    residences,
    split,
    surname,
)

D = dt.date
HOME = "uprn:1"
Span = tuple[dt.date, dt.date | None, frozenset[str]]


def _seen(key: str, on: dt.date, received: dt.datetime | None = None) -> Sighting:
    return Sighting(key, on, received or dt.datetime(on.year, on.month, on.day, 12, tzinfo=dt.UTC))


def _lived(
    person: str, start: dt.date, end: dt.date | None = None, *, moved_in: bool = False
) -> Residence:
    return Residence(person, HOME, start, end, moved_in=moved_in)


def _adult(*surnames: str) -> Resident:
    return Resident(D(1980, 1, 1), frozenset(surnames))


def _child(*surnames: str) -> Resident:
    return Resident(D(2015, 1, 1), frozenset(surnames))


def _spans(households: Iterable[Household]) -> set[Span]:
    return {(h.start, h.end, h.members) for h in households}


def _span(start: dt.date, end: dt.date | None, *members: str) -> Span:
    return (start, end, frozenset(members))


# --- residences: where and from when a person lives --------------------------------------------


@pytest.mark.parametrize(
    ("sightings", "expected"),
    [
        pytest.param([], [], id="no records, no residence"),
        pytest.param(
            [_seen("A", D(2021, 3, 1))],
            [("A", D(2021, 3, 1), None, False)],
            id="one record: lives there from its date, still there",
        ),
        pytest.param(
            [_seen("A", D(2022, 1, 1)), _seen("A", D(2020, 5, 1)), _seen("A", D(2021, 1, 1))],
            [("A", D(2020, 5, 1), None, False)],
            id="several records of one address: from the earliest, in any order",
        ),
        pytest.param(
            [_seen("A", D(2020, 1, 1)), _seen("B", D(2021, 3, 1))],
            [("A", D(2020, 1, 1), D(2021, 3, 1), False), ("B", D(2021, 3, 1), None, True)],
            id="a move ends the old address on the first date at the new one",
        ),
        pytest.param(
            [_seen("A", D(2020, 1, 1)), _seen("B", D(2021, 3, 1)), _seen("A", D(2022, 6, 1))],
            [("A", D(2020, 1, 1), D(2021, 3, 1), False), ("B", D(2021, 3, 1), None, True)],
            id="a stale record of an address they left does not bring them back",
        ),
        pytest.param(
            [
                _seen("A", D(2021, 5, 1), dt.datetime(2021, 5, 2, 9, tzinfo=dt.UTC)),
                _seen("B", D(2021, 5, 1), dt.datetime(2021, 5, 3, 9, tzinfo=dt.UTC)),
            ],
            [("A", D(2021, 5, 1), D(2021, 5, 1), False), ("B", D(2021, 5, 1), None, True)],
            id="two addresses on one date: the one received later is where they live",
        ),
        pytest.param(
            [
                _seen("A", D(2020, 1, 1)),
                _seen("B", D(2022, 1, 1)),
                _seen("B", D(2019, 6, 1), dt.datetime(2023, 1, 1, tzinfo=dt.UTC)),
            ],
            [("B", D(2019, 6, 1), D(2020, 1, 1), False), ("A", D(2020, 1, 1), None, True)],
            id="older evidence received late moves the start of that address earlier",
        ),
    ],
)
def test_residences(
    sightings: list[Sighting], expected: list[tuple[str, dt.date, dt.date | None, bool]]
) -> None:
    found = residences("p", sightings)
    assert [(r.key, r.start, r.end, r.moved_in) for r in found] == expected
    assert all(r.person == "p" for r in found)


# --- surname: what counts as the same surname -------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Smith", "SMITH"),
        ("  smith ", "SMITH"),
        ("O'Brien", "OBRIEN"),
        ("Smith-Jones", "SMITHJONES"),
        ("van der Berg", "VANDERBERG"),
        ("", ""),
        (None, ""),
    ],
)
def test_case_punctuation_and_spacing_do_not_make_a_different_surname(
    name: str | None, expected: str
) -> None:
    assert surname(name) == expected


@pytest.mark.parametrize(
    ("one", "other"),
    [("Müller", "Muller"), ("Núñez", "Nunez"), ("Zoë", "Zoe"), ("Øberg", "Oberg")],
)
def test_an_accent_does_not_make_a_different_surname(one: str, other: str) -> None:
    assert surname(one) == surname(other)


@pytest.mark.parametrize("name", ["Παπαδόπουλος", "王", "Иванов"])
def test_adults_sharing_a_non_latin_surname_stay_one_household(name: str) -> None:
    people = {p: _adult(*({surname(name)} - {""})) for p in ("a", "b", "c")}
    assert len(split(["a", "b", "c"], D(2024, 1, 1), people, set())) == 1


# --- split: who at one address is one household -----------------------------------------------

ON = D(2024, 1, 1)


@pytest.mark.parametrize(
    ("residents", "related", "expected"),
    [
        pytest.param({"a": _adult("SMITH")}, set(), [{"a"}], id="someone living alone"),
        pytest.param(
            {"a": _adult("SMITH"), "b": _adult("JONES")},
            set(),
            [{"a", "b"}],
            id="two adults with different surnames stay one",
        ),
        pytest.param(
            {"a": _adult("SMITH"), "b": _adult("JONES"), "c": _adult("BROWN")},
            set(),
            [{"a"}, {"b"}, {"c"}],
            id="three unrelated adults are three households",
        ),
        pytest.param(
            {"a": _adult("SMITH"), "b": _adult("SMITH"), "c": _adult("BROWN")},
            set(),
            [{"a", "b"}, {"c"}],
            id="a shared surname keeps two adults together",
        ),
        pytest.param(
            {"a": _adult("SMITH"), "b": _adult("JONES"), "c": _adult("BROWN")},
            {frozenset({"a", "c"})},
            [{"a", "c"}, {"b"}],
            id="a recorded relationship keeps two adults together",
        ),
        pytest.param(
            {"a": _adult("SMITH", "JONES"), "b": _adult("JONES"), "c": _adult("BROWN")},
            set(),
            [{"a", "b"}, {"c"}],
            id="any of a person's surnames counts (a maiden name)",
        ),
        pytest.param(
            {
                "a": _adult("SMITH"),
                "b": _adult("SMITH"),
                "c": _adult("BROWN"),
                "d": _adult("GREEN"),
            },
            {frozenset({"b", "c"})},
            [{"a", "b", "c"}, {"d"}],
            id="links chain: a surname and a relationship join three",
        ),
        pytest.param(
            {
                "a": _adult("SMITH"),
                "b": _adult("JONES"),
                "c": _adult("BROWN"),
                "k": _child("JONES"),
            },
            set(),
            [{"a", "b", "c", "k"}],
            id="a step-family with three surnames and a child stays one",
        ),
        pytest.param(
            {"a": _adult(), "b": _adult(), "c": _adult()},
            set(),
            [{"a"}, {"b"}, {"c"}],
            id="adults with no surname known share none",
        ),
        pytest.param(
            {p: Resident(None, frozenset({p.upper()})) for p in ("a", "b", "c")},
            set(),
            [{"a"}, {"b"}, {"c"}],
            id="someone with no date of birth counts as an adult",
        ),
    ],
)
def test_split(
    residents: dict[str, Resident], related: set[frozenset[str]], expected: list[set[str]]
) -> None:
    found = split(sorted(residents), ON, residents, related)
    assert {frozenset(g) for g in found} == {frozenset(g) for g in expected}
    assert sum(len(g) for g in found) == len(residents)


@pytest.mark.parametrize(
    ("on", "households"),
    [
        pytest.param(D(2023, 5, 31), 1, id="the day before their 18th birthday: a child"),
        pytest.param(D(2023, 6, 1), 3, id="on their 18th birthday: an adult"),
    ],
)
def test_someone_is_a_child_until_their_18th_birthday(on: dt.date, households: int) -> None:
    residents = {
        "a": _adult("SMITH"),
        "b": _adult("JONES"),
        "k": Resident(D(2005, 6, 1), frozenset({"BROWN"})),
    }
    assert len(split(["a", "b", "k"], on, residents, set())) == households


# --- households_at: households over time at one address ---------------------------------------

PEOPLE = {p: _adult(p.upper()) for p in ("a", "b", "c", "d", "z")}
# One surname, so the split rule keeps everyone together and only the periods matter.
FAMILY = {p: _adult("SAME") for p in PEOPLE}


@pytest.mark.parametrize(
    ("lived", "expected"),
    [
        pytest.param(
            [_lived("a", D(2020, 1, 1))],
            {_span(D(2020, 1, 1), None, "a")},
            id="someone living alone is a household from their start",
        ),
        pytest.param(
            [_lived("a", D(2020, 1, 1)), _lived("b", D(2021, 1, 1), moved_in=True)],
            {_span(D(2020, 1, 1), D(2021, 1, 1), "a"), _span(D(2021, 1, 1), None, "a", "b")},
            id="a move in ends the household and starts one with the newcomer",
        ),
        pytest.param(
            [
                _lived("a", D(2020, 1, 1), D(2021, 1, 1)),
                _lived("b", D(2022, 1, 1), moved_in=True),
            ],
            {_span(D(2020, 1, 1), D(2021, 1, 1), "a"), _span(D(2022, 1, 1), None, "b")},
            id="two people whose periods do not overlap are not one household",
        ),
        pytest.param(
            [
                _lived("a", D(2020, 1, 1), D(2021, 1, 1)),
                _lived("b", D(2021, 1, 1), moved_in=True),
            ],
            {_span(D(2020, 1, 1), D(2021, 1, 1), "a"), _span(D(2021, 1, 1), None, "b")},
            id="one moves out the day the other moves in: never together",
        ),
        pytest.param(
            [_lived("a", D(2018, 1, 1)), _lived("b", D(2021, 1, 1))],
            {_span(D(2018, 1, 1), None, "a", "b")},
            id="first seen where others live: with them since they began",
        ),
        pytest.param(
            [
                _lived("a", D(2018, 1, 1)),
                _lived("c", D(2020, 1, 1), moved_in=True),
                _lived("b", D(2022, 1, 1)),
            ],
            {
                _span(D(2018, 1, 1), D(2020, 1, 1), "a"),
                _span(D(2020, 1, 1), None, "a", "b", "c"),
            },
            id="first seen: counted from the last move in, not earlier",
        ),
        pytest.param(
            [
                _lived("a", D(2018, 1, 1)),
                _lived("c", D(2018, 1, 1), D(2020, 1, 1)),
                _lived("b", D(2022, 1, 1)),
            ],
            {
                _span(D(2018, 1, 1), D(2020, 1, 1), "a", "c"),
                _span(D(2020, 1, 1), None, "a", "b"),
            },
            id="first seen: counted from the last move out, not earlier",
        ),
        pytest.param(
            [_lived("a", D(2018, 1, 1), D(2020, 1, 1)), _lived("b", D(2022, 1, 1))],
            {_span(D(2018, 1, 1), D(2020, 1, 1), "a"), _span(D(2022, 1, 1), None, "b")},
            id="first seen at an empty address: counted from the sighting",
        ),
        pytest.param(
            [_lived("a", D(2018, 1, 1)), _lived("b", D(2021, 1, 1), moved_in=True)],
            {_span(D(2018, 1, 1), D(2021, 1, 1), "a"), _span(D(2021, 1, 1), None, "a", "b")},
            id="a move in from a known address is not backdated",
        ),
        pytest.param(
            [
                _lived("a", D(2020, 1, 1)),
                _lived("c", D(2021, 1, 1), D(2022, 1, 1), moved_in=True),
            ],
            {
                _span(D(2020, 1, 1), D(2021, 1, 1), "a"),
                _span(D(2021, 1, 1), D(2022, 1, 1), "a", "c"),
                _span(D(2022, 1, 1), None, "a"),
            },
            id="any change of people ends a household, even back to the same people",
        ),
        pytest.param(
            [_lived("a", D(2020, 1, 1), D(2021, 1, 1)), _lived("b", D(2020, 1, 1))],
            {_span(D(2020, 1, 1), D(2021, 1, 1), "a", "b"), _span(D(2021, 1, 1), None, "b")},
            id="a move out ends the household and leaves the rest as a new one",
        ),
        pytest.param(
            [_lived("a", D(2020, 1, 1), D(2021, 1, 1))],
            {_span(D(2020, 1, 1), D(2021, 1, 1), "a")},
            id="everyone gone: nothing is left open",
        ),
        pytest.param(
            [_lived("a", D(2020, 1, 1)), _lived("b", D(2021, 5, 1), D(2021, 5, 1))],
            {_span(D(2020, 1, 1), None, "a")},
            id="a residence that ended the day it began joins no household",
        ),
    ],
)
def test_households_over_time(lived: list[Residence], expected: set[Span]) -> None:
    found, _ = households_at(HOME, lived, FAMILY, set())
    assert _spans(found) == expected
    assert all(h.key == HOME for h in found)


def test_a_baby_first_seen_later_counts_from_birth_not_from_the_parents_move_in() -> None:
    residents = {**FAMILY, "k": Resident(D(2019, 3, 1), frozenset({"SAME"}))}
    lived = [_lived("a", D(2015, 1, 1)), _lived("b", D(2015, 1, 1)), _lived("k", D(2021, 1, 1))]
    found, _ = households_at(HOME, lived, residents, set())
    assert _spans(found) == {
        _span(D(2015, 1, 1), D(2019, 3, 1), "a", "b"),
        _span(D(2019, 3, 1), None, "a", "b", "k"),
    }


@pytest.mark.parametrize(
    "newcomer",
    [
        pytest.param("a", id="first seen sorts before the mover"),
        pytest.param("z", id="first seen sorts after the mover"),
    ],
)
def test_first_seen_on_the_day_someone_moves_in_counts_from_that_move(newcomer: str) -> None:
    lived = [
        _lived("c", D(2018, 1, 1)),
        _lived("b", D(2021, 1, 1), moved_in=True),
        _lived(newcomer, D(2021, 1, 1)),
    ]
    found, _ = households_at(HOME, lived, FAMILY, set())
    assert _spans(found) == {
        _span(D(2018, 1, 1), D(2021, 1, 1), "c"),
        _span(D(2021, 1, 1), None, "b", "c", newcomer),
    }


@pytest.mark.parametrize(
    ("lived", "related", "expected", "shared"),
    [
        pytest.param(
            [_lived("a", D(2020, 1, 1)), _lived("b", D(2020, 1, 1))],
            set(),
            {_span(D(2020, 1, 1), None, "a", "b")},
            False,
            id="a couple is one household: not shared",
        ),
        pytest.param(
            [_lived(p, D(2020, 1, 1)) for p in ("a", "b", "c")],
            set(),
            {_span(D(2020, 1, 1), None, p) for p in ("a", "b", "c")},
            True,
            id="three lodgers: three households, a shared house",
        ),
        pytest.param(
            [_lived(p, D(2020, 1, 1)) for p in ("a", "b", "c")],
            {frozenset({"a", "b"})},
            {_span(D(2020, 1, 1), None, "a", "b"), _span(D(2020, 1, 1), None, "c")},
            True,
            id="a related pair and a lodger: two households, shared",
        ),
        pytest.param(
            [
                _lived("a", D(2020, 1, 1)),
                _lived("b", D(2020, 1, 1)),
                _lived("c", D(2021, 1, 1), D(2022, 1, 1), moved_in=True),
            ],
            set(),
            {
                _span(D(2020, 1, 1), D(2021, 1, 1), "a", "b"),
                _span(D(2021, 1, 1), D(2022, 1, 1), "a"),
                _span(D(2021, 1, 1), D(2022, 1, 1), "b"),
                _span(D(2021, 1, 1), D(2022, 1, 1), "c"),
                _span(D(2022, 1, 1), None, "a", "b"),
            },
            True,
            id="shared once is shared: a third adult split the couple for a year",
        ),
    ],
)
def test_shared_houses(
    lived: list[Residence], related: set[frozenset[str]], expected: set[Span], shared: bool
) -> None:
    found, is_shared = households_at(HOME, lived, PEOPLE, related)
    assert (_spans(found), is_shared) == (expected, shared)


def test_when_the_only_child_leaves_unrelated_adults_split() -> None:
    residents = {**PEOPLE, "k": _child("D")}
    lived = [
        *(_lived(p, D(2020, 1, 1)) for p in ("a", "b", "c")),
        _lived("k", D(2020, 1, 1), D(2023, 1, 1)),
    ]
    found, shared = households_at(HOME, lived, residents, set())
    assert _spans(found) == {
        _span(D(2020, 1, 1), D(2023, 1, 1), "a", "b", "c", "k"),
        *(_span(D(2023, 1, 1), None, p) for p in ("a", "b", "c")),
    }
    assert shared


def test_households_at_uses_the_rule_it_is_given() -> None:
    lived = [_lived("a", D(2020, 1, 1)), _lived("b", D(2020, 1, 1))]
    found, shared = households_at(
        HOME, lived, PEOPLE, set(), rule=lambda present, on, residents, related: [{"a"}, {"b"}]
    )
    assert _spans(found) == {_span(D(2020, 1, 1), None, "a"), _span(D(2020, 1, 1), None, "b")}
    assert shared


def test_forming_again_from_the_same_records_names_households_the_same() -> None:
    lived = [_lived("a", D(2020, 1, 1)), _lived("b", D(2021, 1, 1), moved_in=True)]
    first, _ = households_at(HOME, lived, PEOPLE, set())
    again, _ = households_at(HOME, list(reversed(lived)), PEOPLE, set())
    assert {h.id: h for h in first} == {h.id: h for h in again}
    assert len({h.id for h in first}) == len(first)


@pytest.mark.parametrize(
    ("key", "person", "start"),
    [
        pytest.param("uprn:2", "a", D(2020, 1, 1), id="another address"),
        pytest.param(HOME, "a", D(2020, 1, 2), id="another start"),
        pytest.param(HOME, "b", D(2020, 1, 1), id="other people"),
    ],
)
def test_a_household_is_named_by_where_since_when_and_who(
    key: str, person: str, start: dt.date
) -> None:
    (base,), _ = households_at(HOME, [_lived("a", D(2020, 1, 1))], PEOPLE, set())
    (other,), _ = households_at(key, [Residence(person, key, start, None, False)], PEOPLE, set())
    assert other.id != base.id
