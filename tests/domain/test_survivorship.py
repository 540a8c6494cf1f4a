"""Survivorship, pure: which record's values a person takes, and which corrections are more than
a typo."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.households import HouseholdNow, Occupant, recast
from domain.survivorship import (
    Attributes,
    Source,
    birth_dates_agree,
    given_names_agree,
    questioned,
    survive,
)
from vocabulary import MemberRole

EARLY = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
LATE = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)


def source(
    key: str = "org|1",
    sector: str | None = "police",
    at: dt.datetime | None = EARLY,
    given: str | None = "Amy",
    family: str | None = "Hart",
    born: dt.date | None = dt.date(2014, 7, 8),
    sex: str | None = "female",
) -> Source:
    return Source(key, sector, at, given, family, born, sex)


def test_the_most_trusted_source_wins_each_field_then_the_latest() -> None:
    health = source("nhs|1", "health", EARLY, born=dt.date(2014, 7, 8))
    police = source("pol|1", "police", LATE, born=dt.date(2013, 2, 2), family="Hart-Lee")
    assert survive([police, health]) == Attributes("Amy", "Hart", dt.date(2014, 7, 8), "F")
    later_health = source("nhs|2", "health", LATE, given="Amelia")
    assert survive([health, later_health, police]).given_name == "Amelia"  # type: ignore[union-attr]


def test_ties_go_to_the_smallest_key_whatever_the_order_read() -> None:
    a = source("a|1", given="Ann")
    b = source("b|1", given="Anne")
    assert survive([a, b]) == survive([b, a])
    assert survive([b, a]).given_name == "Ann"  # type: ignore[union-attr]


def test_placeholders_and_blanks_never_win_and_alone_are_unknown() -> None:
    placeholder = source(
        "nhs|1", "health", LATE, born=dt.date(1900, 1, 1), given=" ", sex="unknown"
    )
    real = source("vol|1", "voluntary", EARLY, born=dt.date(1981, 5, 6), given="Joyce")
    assert survive([placeholder, real]) == Attributes("Joyce", "Hart", dt.date(1981, 5, 6), "F")
    alone = survive([placeholder])
    assert alone is not None
    assert (alone.given_name, alone.date_of_birth, alone.sex) == ("", None, None)
    assert survive([]) is None


def test_a_first_of_january_gives_way_to_a_full_date_of_its_year() -> None:
    year_only = source("nhs|1", "health", LATE, born=dt.date(1990, 1, 1))
    full = source("vol|1", "voluntary", EARLY, born=dt.date(1990, 6, 14))
    other_year = source("vol|2", "voluntary", EARLY, born=dt.date(1991, 6, 14))
    assert survive([year_only, full]).date_of_birth == dt.date(1990, 6, 14)  # type: ignore[union-attr]
    assert survive([year_only, other_year]).date_of_birth == dt.date(1990, 1, 1)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        ("2014-07-08", "2014-07-08", True),
        ("2014-07-08", "2014-08-07", True),  # day and month swapped
        ("2014-07-08", "2004-07-08", True),  # one character
        ("2014-07-08", "2041-07-08", True),  # two adjacent characters swapped
        ("2014-06-30", "2014-07-01", True),  # one day, across a month's end
        ("2014-01-01", "2014-09-23", True),  # a year-only date
        ("1900-01-01", "2014-07-08", True),  # unknown
        ("2014-07-08", "2003-11-20", False),
        ("2014-07-08", "2014-11-08", False),
    ],
)
def test_birth_dates_agree_up_to_a_slip(a: str, b: str, agree: bool) -> None:
    one, other = dt.date.fromisoformat(a), dt.date.fromisoformat(b)
    assert birth_dates_agree(one, other) is agree
    assert birth_dates_agree(other, one) is agree


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        ("Amy", "AMY", True),
        ("Zoë", "Zoe", True),
        ("Jonathan", "Jonathon", True),  # one slip
        ("Christopher", "Christofer", True),  # two slips in a long name
        ("Alex", "Alexander", True),  # a shortening
        ("J", "John", True),  # an initial
        ("Mary Jane", "Jane", True),  # one of several given names
        ("Amy", None, True),
        ("Amy", "Oliver", False),
        ("Isla", "Isha", True),  # a slip: twins are matching's to keep apart, not a correction's
        ("Sasha", "Alexander", False),  # a nickname not formed by shortening: put to a person
    ],
)
def test_given_names_agree_up_to_a_slip(a: str, b: str | None, agree: bool) -> None:
    assert given_names_agree(a, b) is agree
    assert given_names_agree(b, a) is agree


def test_a_correction_beyond_a_typo_is_questioned_on_the_fields_it_changes() -> None:
    before = source()
    person = Attributes("Amy", "Hart", dt.date(2014, 7, 8), "F")
    typo = source(born=dt.date(2004, 7, 8), given="Aym")
    assert questioned(before, typo, person) == ()
    someone_else = source(given="Oliver", born=dt.date(1999, 3, 2), sex="male")
    assert questioned(before, someone_else, person) == ("dateOfBirth", "givenName", "sex")
    swapped = source(given="Hart", family="Amy")
    assert questioned(before, swapped, person) == ()
    # What was unknown and is now known changes nobody's identity.
    filled_in = source(born=dt.date(1975, 4, 4))
    assert questioned(source(born=dt.date(1900, 1, 1)), filled_in, person) == ()
    # A correction back towards the person is no question, however far from the record's last.
    odd = source(given="Oliver")
    assert questioned(odd, source(), person) == ()


def test_roles_follow_the_date_of_birth_as_it_now_stands() -> None:
    today = dt.date(2026, 6, 1)
    household = HouseholdNow(
        "h",
        (
            Occupant("corrected", dt.date(2004, 7, 8), "F-1", MemberRole.CHILD),
            Occupant("child", dt.date(2014, 7, 8), "F-1", MemberRole.CHILD),
            Occupant("relative", dt.date(2014, 7, 8), "F-1", MemberRole.RELATIVE),
            Occupant("practitioner's", dt.date(2004, 7, 8), "F-1", None),
            Occupant("new", dt.date(2004, 7, 8), None, None),
        ),
    )
    assert [(r.person, r.role) for r in recast([household], today)] == [
        ("corrected", MemberRole.PARENT)
    ]
