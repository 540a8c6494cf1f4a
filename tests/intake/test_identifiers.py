"""UK identifiers: postcodes, NHS numbers (Modulus 11), UPNs (DfE check letter), UPRNs."""

from __future__ import annotations

import pytest

from intake import identifiers
from tests.intake.samples import NHS_NUMBERS, UPNS


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("ex44qj", "EX4 4QJ"),
        ("EX4  4QJ", "EX4 4QJ"),
        ("EX4\t4QJ", "EX4 4QJ"),
        (" sw1a1aa", "SW1A 1AA"),
        ("W1A 0AX", "W1A 0AX"),
        ("m11ae", "M1 1AE"),
        ("B33 8TH", "B33 8TH"),
        ("DN55 1PT", "DN55 1PT"),
        ("CR2 6XH", "CR2 6XH"),
        ("gir0aa", "GIR 0AA"),
    ],
)
def test_postcodes_are_stored_upper_case_with_one_space(given: str, stored: str) -> None:
    assert identifiers.postcode(given) == stored


@pytest.mark.parametrize(
    "given",
    [
        "",
        "EX4",
        "EX44Q",
        "EX4 4QJJ",
        "QX4 4QJ",
        "EX4 4CJ",
        "E4X 4QJ",
        "EX4-4QJ",
        "\uff25\uff38\uff14 \uff14\uff31\uff2a",  # full-width
        "1X4 4QJ",
        "ZZ99 3VZ",  # no fixed abode names no place: matching must not see one postcode in it
    ],
)
def test_invalid_postcodes(given: str) -> None:
    assert identifiers.postcode(given) is None


@pytest.mark.parametrize("number", NHS_NUMBERS)
def test_sample_nhs_numbers_have_valid_check_digits(number: str) -> None:
    assert identifiers.nhs_check_digit(number[:9]) == int(number[9])
    assert identifiers.nhs_number(number) == number


def test_nhs_numbers_may_be_written_with_spaces_or_hyphens() -> None:
    assert identifiers.nhs_number("943 476 5919") == "9434765919"
    assert identifiers.nhs_number("943-476-5919") == "9434765919"
    assert identifiers.nhs_number(" 943 - 476 - 5919 ") == "9434765919"


def test_nhs_check_digit_rules() -> None:
    # 9*10 + 4*9 + 3*8 + 4*7 + 7*6 + 6*5 + 5*4 + 9*3 + 1*2 = 299; 299 % 11 = 2; 11 - 2 = 9
    assert identifiers.nhs_check_digit("943476591") == 9
    assert identifiers.nhs_check_digit("000000000") == 0  # 11 - 0 = 11 is written 0
    assert identifiers.nhs_check_digit("999000000") is None  # 10: never issued
    assert identifiers.nhs_number("9990000000") is None


@pytest.mark.parametrize(
    "given", ["9434765918", "943476591", "94347659190", "943.476.5919", "٩٤٣٤٧٦٥٩١٩"]
)
def test_invalid_nhs_numbers(given: str) -> None:
    assert identifiers.nhs_number(given) is None


def test_upn_check_letter_against_the_published_example() -> None:
    # python-stdnum's documented valid UPN; weights 2..13 give 93, 93 % 23 = 1, "B".
    assert identifiers.upn_check_letter("801200005001") == "B"
    assert identifiers.upn("B801200005001") == "B801200005001"
    assert identifiers.upn("A801200005001") is None


@pytest.mark.parametrize("number", UPNS)
def test_sample_upns_are_valid_permanent_and_temporary(number: str) -> None:
    assert identifiers.upn(number) == number
    assert identifiers.upn(number.lower()) == number


def test_a_temporary_upn_values_its_final_letter_by_its_place_in_the_alphabet() -> None:
    # "A" counts 0 and "T" 16 (I, O and S are skipped), times weight 13.
    assert identifiers.upn_check_letter("87820032300A") == "P"
    assert identifiers.upn_check_letter("87820032300T") == "Q"
    assert identifiers.upn("Q87820032300T") == "Q87820032300T"


@pytest.mark.parametrize(
    "given",
    [
        "D878200323002",  # wrong check letter
        "I878200323001",  # I is never a check letter
        "D87820032300",  # 12 characters
        "D8782003230011",
        "D87820032300I",  # I, O and S never end a temporary UPN
        "DA78200323001",  # only the last character may be a letter
    ],
)
def test_invalid_upns(given: str) -> None:
    assert identifiers.upn(given) is None


@pytest.mark.parametrize(("given", "ok"), [("1", True), ("100040212345", True), ("0", True)])
def test_uprns(given: str, ok: bool) -> None:
    assert (identifiers.uprn(given) == given) is ok


@pytest.mark.parametrize("given", ["", "1234567890123", "12 34", "-1", "1.0", "١٢"])
def test_invalid_uprns(given: str) -> None:
    assert identifiers.uprn(given) is None


@pytest.mark.parametrize(
    ("given", "stored"),
    [("zz993vz", "ZZ99 3VZ"), (" ZZ99  3VZ ", "ZZ99 3VZ"), ("ex44qj", "EX4 4QJ")],
)
def test_a_list_may_give_no_fixed_abode_as_its_pseudo_postcode(given: str, stored: str) -> None:
    assert identifiers.listed_postcode(given) == stored
    assert identifiers.is_no_fixed_abode(stored) is (stored == identifiers.NO_FIXED_ABODE)


@pytest.mark.parametrize("given", ["ZZ99 3VY", "ZZ9 3VZ", "ZZ99", ""])
def test_only_the_one_pseudo_postcode_is_listed(given: str) -> None:
    assert identifiers.listed_postcode(given) is None
