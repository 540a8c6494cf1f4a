"""What an accepted row holds: trimmed, typed and normalised values."""

from __future__ import annotations

import codecs
from datetime import date

import pytest

from intake import Format, Sex, parse
from tests.intake.samples import (
    GOOD,
    KNOWN,
    TODAY,
    csv_text,
    good,
    jsonl_text,
    parse_text,
    rows_text,
)


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_a_row_is_trimmed_typed_and_normalised(fmt: Format) -> None:
    raw = {key: f"  {value} " for key, value in GOOD.items()}
    raw.update(postcode=" ex44qj ", nhs_number="943-476-5919", upn="d878200323001", sex=" F ")
    raw.update(criteria="sa1;CR1|SA1", other_names="   ", town="")
    [row] = parse_text(rows_text([raw], fmt), fmt).accepted
    assert row.partner_reference == "HSG-1"
    assert (row.given_name, row.family_name, row.other_names) == ("Amelia", "Hughes", None)
    assert (row.date_of_birth, row.evidence_date) == (date(2011, 4, 23), date(2024, 3, 1))
    assert row.sex is Sex.FEMALE
    assert (row.address_line1, row.address_line2, row.town) == ("12 Fore Street", "Heavitree", None)
    assert (row.postcode, row.uprn) == ("EX4 4QJ", "100040212345")
    assert (row.nhs_number, row.upn) == ("9434765919", "D878200323001")
    assert row.criteria == ("CR1", "SA1")


@pytest.mark.parametrize(
    ("given", "sex"),
    [
        ("female", Sex.FEMALE),
        ("FEMALE", Sex.FEMALE),
        ("f", Sex.FEMALE),
        ("Male", Sex.MALE),
        ("M", Sex.MALE),
        ("unknown", Sex.UNKNOWN),
        ("U", Sex.UNKNOWN),
        ("", None),
    ],
)
def test_sex_aliases(given: str, sex: Sex | None) -> None:
    [row] = parse_text(csv_text([good(1, sex=given)]), "csv").accepted
    assert row.sex is sex


def test_names_are_stored_in_nfc() -> None:
    [row] = parse_text(csv_text([good(1, given_name="Jose\u0301")]), "csv").accepted
    assert row.given_name == "Jos\u00e9"


def test_a_name_of_exactly_the_limit_is_accepted() -> None:
    [row] = parse_text(csv_text([good(1, family_name="x" * 100)]), "csv").accepted
    assert len(row.family_name) == 100


def test_dates_on_the_bounds_are_accepted() -> None:
    rows = [good(1, date_of_birth="1900-01-01", evidence_date=TODAY.isoformat())]
    rows.append(good(2, date_of_birth="2024-03-01", evidence_date="2024-03-01"))
    assert len(parse_text(csv_text(rows), "csv").accepted) == 2


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_a_byte_order_mark_is_accepted(fmt: Format) -> None:
    text = csv_text([good(1)]) if fmt == "csv" else jsonl_text([good(1)])
    data = codecs.BOM_UTF8 + text.encode()
    upload = parse(data, known_criteria=KNOWN, today=TODAY)
    assert (upload.format, len(upload.accepted)) == (fmt, 1)


def test_known_criteria_keep_their_catalogue_spelling() -> None:
    upload = parse(
        csv_text([good(1, criteria="cr1")]).encode(),
        known_criteria=frozenset({"CR1"}),
        today=TODAY,
    )
    assert upload.accepted[0].criteria == ("CR1",)
