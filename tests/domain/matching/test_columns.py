"""What the model compares of a record: names in Latin letters, dates that know placeholders, and
the typing slips and name forms the rules around the model read."""

from __future__ import annotations

from datetime import date

import pytest

from domain.matching._columns import date_of_birth, latin, name, parts, sound
from domain.matching._nicknames import full_forms, known
from domain.matching._slips import keystroke_apart


@pytest.mark.parametrize(
    ("written", "compared"),
    [
        ("Олександр", "oleksandr"),
        ("Łukasz", "lukasz"),
        ("O'Brien", "obrien"),
        ("Hassan Jr", "hassan"),
        ("Pawłowski Jr.", "pawlowski"),
        ("  ", None),
    ],
)
def test_names_are_compared_in_latin_letters_without_suffixes(
    written: str, compared: str | None
) -> None:
    assert name(written) == compared


def test_names_from_another_script_are_marked_as_transliterated() -> None:
    assert latin("Łukasz")
    assert latin("Anne-Marie")
    assert not latin("Ольга")


def test_spellings_of_one_name_sound_alike() -> None:
    assert sound("mohammed") == sound("muhammad")
    assert sound("isla") != sound("isha")


def test_double_barrelled_names_have_parts_and_single_ones_none() -> None:
    assert parts("Carew-Pole") == ("carew", "pole")
    assert parts("van der Berg") is None  # particles are not parts
    assert parts("Pole") is None


@pytest.mark.parametrize(
    ("sent", "compared"),
    [
        (date(1900, 1, 1), None),
        (date(1899, 12, 31), None),
        (None, None),
        (date(1984, 1, 1), date(1984, 1, 1)),
        (date(2012, 3, 7), date(2012, 3, 7)),
    ],
)
def test_placeholder_dates_of_birth_are_unknown(sent: date | None, compared: date | None) -> None:
    assert date_of_birth(sent) == compared


@pytest.mark.parametrize(
    ("short", "full"),
    [("liam", "william"), ("dai", "david"), ("sasha", "alexander"), ("evie", "evelyn"),
     ("mae", "mary"), ("polly", "mary"), ("gosia", "malgorzata"), ("seun", "oluwaseun")],
)  # fmt: skip
def test_short_forms_come_from_both_sources(short: str, full: str) -> None:
    assert full in full_forms(short)
    assert known(short)


def test_a_name_in_neither_source_stands_for_itself() -> None:
    assert full_forms("isha") == ["isha"]
    assert not known("isha")


@pytest.mark.parametrize(
    ("typed", "meant", "slip"),
    [
        ("jonh", "john", True),  # transposed
        ("jphn", "john", True),  # a neighbouring key
        ("jhn", "john", True),  # dropped
        ("anthhony", "anthony", True),  # doubled
        ("isha", "isla", False),  # h is no neighbour of l
        ("john", "john", False),
        ("jo", "john", False),
    ],
)
def test_typing_slips_are_one_keystroke(typed: str, meant: str, slip: bool) -> None:
    assert keystroke_apart(typed, meant) is slip
