"""Each row problem, found the same way in CSV and JSON Lines, and every problem of a row kept."""

from __future__ import annotations

from datetime import date

import pytest

from intake import Format, RejectionCode
from tests.intake.samples import GOOD, good, parse_text, rows_text

FORMATS: list[Format] = ["csv", "jsonl"]

# (code, field, changes to the good row) for the problems a value can have in either format.
FIELD_PROBLEMS = [
    (RejectionCode.MISSING_FIELD, "given_name", {"given_name": "   "}),
    (RejectionCode.MISSING_FIELD, "partner_reference", {"partner_reference": ""}),
    (RejectionCode.MISSING_FIELD, "criteria", {"criteria": " ; | "}),
    (RejectionCode.TOO_LONG, "family_name", {"family_name": "x" * 101}),
    (RejectionCode.TOO_LONG, "partner_reference", {"partner_reference": "r" * 65}),
    (RejectionCode.CONTROL_CHARACTERS, "given_name", {"given_name": "Ame\tlia"}),
    (RejectionCode.CONTROL_CHARACTERS, "town", {"town": "Exe\u202eter"}),
    (RejectionCode.INVALID_DATE, "date_of_birth", {"date_of_birth": "23/04/2011"}),
    (RejectionCode.INVALID_DATE, "date_of_birth", {"date_of_birth": "2023-02-30"}),
    (RejectionCode.INVALID_DATE, "evidence_date", {"evidence_date": "20240301"}),
    (RejectionCode.FUTURE_DATE, "evidence_date", {"evidence_date": "2024-06-02"}),
    (RejectionCode.IMPLAUSIBLE_DATE, "date_of_birth", {"date_of_birth": "1899-12-31"}),
    (RejectionCode.INVALID_POSTCODE, "postcode", {"postcode": "EX4 4Q"}),
    (RejectionCode.INVALID_POSTCODE, "postcode", {"postcode": "QX4 4QJ"}),
    (RejectionCode.INVALID_UPRN, "uprn", {"uprn": "1234567890123"}),
    (RejectionCode.INVALID_UPRN, "uprn", {"uprn": "12a"}),
    (RejectionCode.INVALID_NHS_NUMBER, "nhs_number", {"nhs_number": "943 476 5918"}),
    (RejectionCode.INVALID_NHS_NUMBER, "nhs_number", {"nhs_number": "943476591"}),
    (RejectionCode.INVALID_UPN, "upn", {"upn": "A878200323001"}),
    (RejectionCode.INVALID_UPN, "upn", {"upn": "D87820032300"}),
    (RejectionCode.INVALID_SEX, "sex", {"sex": "fem"}),
    (RejectionCode.UNKNOWN_CRITERION, "criteria", {"criteria": "CR1;ZZ9"}),
    (RejectionCode.EVIDENCE_BEFORE_BIRTH, "evidence_date", {"evidence_date": "2011-04-22"}),
    (RejectionCode.INVALID_DATE, "expected_due_date", {"expected_due_date": "15/09/2024"}),
    (RejectionCode.INVALID_DATE, "expected_due_date", {"expected_due_date": "2024-02-30"}),
    # The good row's evidence is dated 2024-03-01: the due date may be 14 days before it, or
    # 300 days after it, and no further.
    (RejectionCode.DUE_DATE_TOO_EARLY, "expected_due_date", {"expected_due_date": "2024-02-15"}),
    (RejectionCode.DUE_DATE_TOO_LATE, "expected_due_date", {"expected_due_date": "2024-12-27"}),
]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("code", "field", "changes"), FIELD_PROBLEMS)
def test_a_field_problem_rejects_the_row_and_no_other(
    fmt: Format, code: RejectionCode, field: str, changes: dict[str, str]
) -> None:
    upload = parse_text(rows_text([good(1), good(2, **changes), good(3)], fmt), fmt)
    first_row = 2 if fmt == "csv" else 1
    [rejection] = upload.rejections
    assert (rejection.row_number, rejection.field, rejection.code) == (first_row + 1, field, code)
    assert rejection.message.startswith(field)
    assert [row.row_number for row in upload.accepted] == [first_row, first_row + 2]
    assert (upload.rows_read, upload.rejected_rows) == (3, 1)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_later_row_reusing_a_reference_is_rejected_and_names_the_first(fmt: Format) -> None:
    text = rows_text([good(1), good(2), good(1, given_name="Ben")], fmt)
    upload = parse_text(text, fmt)
    [rejection] = upload.rejections
    first, later = (2, 4) if fmt == "csv" else (1, 3)
    assert (rejection.row_number, rejection.code) == (later, RejectionCode.DUPLICATE_REFERENCE)
    assert f"row {first}" in rejection.message
    assert [row.partner_reference for row in upload.accepted] == ["HSG-1", "HSG-2"]


def test_a_reference_belongs_to_its_first_row_even_when_that_row_is_rejected() -> None:
    upload = parse_text(rows_text([good(1, postcode="nowhere"), good(1)], "csv"), "csv")
    codes = [(r.row_number, r.code) for r in upload.rejections]
    assert codes == [(2, RejectionCode.INVALID_POSTCODE), (3, RejectionCode.DUPLICATE_REFERENCE)]


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_problem_of_a_row_is_reported_in_field_order(fmt: Format) -> None:
    bad = good(
        1,
        given_name="",
        date_of_birth="2030-01-01",
        sex="x",
        postcode="EX4",
        uprn="abc",
        nhs_number="1234567890",
        upn="B801200005002",
        criteria="CR1;NOPE;ALSO",
        evidence_date="2024-13-01",
        expected_due_date="soon",
    )
    upload = parse_text(rows_text([bad], fmt), fmt)
    assert [(r.field, r.code) for r in upload.rejections] == [
        ("given_name", RejectionCode.MISSING_FIELD),
        ("date_of_birth", RejectionCode.FUTURE_DATE),
        ("sex", RejectionCode.INVALID_SEX),
        ("postcode", RejectionCode.INVALID_POSTCODE),
        ("uprn", RejectionCode.INVALID_UPRN),
        ("nhs_number", RejectionCode.INVALID_NHS_NUMBER),
        ("upn", RejectionCode.INVALID_UPN),
        ("criteria", RejectionCode.UNKNOWN_CRITERION),
        ("criteria", RejectionCode.UNKNOWN_CRITERION),
        ("evidence_date", RejectionCode.INVALID_DATE),
        ("expected_due_date", RejectionCode.INVALID_DATE),
    ]
    assert (upload.rows_read, upload.rejected_rows, upload.accepted) == (1, 1, ())


def test_a_value_can_be_both_too_long_and_full_of_control_characters() -> None:
    upload = parse_text(rows_text([good(1, address_line1="\x07" * 101)], "csv"), "csv")
    assert [r.code for r in upload.rejections] == [
        RejectionCode.CONTROL_CHARACTERS,
        RejectionCode.TOO_LONG,
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_unknown_criterion_is_named_by_its_place_never_repeated(fmt: Format) -> None:
    upload = parse_text(rows_text([good(1, criteria="CR1;Jane Smith DV risk;x9;CR1")], fmt), fmt)
    assert [(r.code, r.message.split(" is ")[0]) for r in upload.rejections] == [
        (RejectionCode.UNKNOWN_CRITERION, "criteria code 2 of 4"),
        (RejectionCode.UNKNOWN_CRITERION, "criteria code 3 of 4"),
    ]
    for rejection in upload.rejections:
        assert "JANE" not in rejection.message.upper()
        assert "X9" not in rejection.message.upper()


MARKED = "QZXV"  # in every bad value below, to be looked for in the messages
MARKED_PROBLEMS = {
    "partner_reference": MARKED + "r" * 64,
    "given_name": MARKED + "\tAmelia",
    "family_name": MARKED + "x" * 100,
    "other_names": MARKED + "\u202e",
    "date_of_birth": MARKED + "-04-23",
    "sex": MARKED,
    "address_line1": MARKED + "\n12 Fore Street",
    "town": MARKED + "\x07",
    "postcode": MARKED + " 4QJ",
    "uprn": MARKED,
    "nhs_number": MARKED + "943476591",
    "upn": MARKED + "878200323",
    "criteria": f"CR1;{MARKED} DV risk",
    "evidence_date": MARKED,
    "expected_due_date": MARKED,
}


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_message_repeats_the_values_it_is_about(fmt: Format) -> None:
    upload = parse_text(rows_text([good(1, **MARKED_PROBLEMS)], fmt), fmt)
    assert {r.field for r in upload.rejections} == set(MARKED_PROBLEMS)
    for rejection in upload.rejections:
        assert MARKED not in rejection.message.upper(), rejection


def test_messages_do_not_repeat_personal_data() -> None:
    secret = good(1, given_name="Zebe\ndee", postcode="ZEBEDEE", nhs_number="9999999990")
    upload = parse_text(rows_text([secret], "jsonl"), "jsonl")
    assert len(upload.rejections) == 3
    for rejection in upload.rejections:
        assert "ZEBE" not in rejection.message.upper()
        assert "9999999990" not in rejection.message


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("due", ["2024-02-16", "2024-06-01", "2024-06-02", "2024-12-26"])
def test_a_due_date_within_its_window_of_the_evidence_date_is_kept(fmt: Format, due: str) -> None:
    # Unlike every other date, a due date may be after the day of the upload (2024-06-01).
    [row] = parse_text(rows_text([good(1, expected_due_date=f" {due} ")], fmt), fmt).accepted
    assert row.expected_due_date == date.fromisoformat(due)


def test_a_due_date_is_checked_only_against_a_valid_evidence_date() -> None:
    upload = parse_text(
        rows_text([good(1, evidence_date="2024-03-32", expected_due_date="2099-01-01")], "csv"),
        "csv",
    )
    assert [(r.field, r.code) for r in upload.rejections] == [
        ("evidence_date", RejectionCode.INVALID_DATE)
    ]


def test_a_row_without_a_due_date_has_none() -> None:
    [row] = parse_text(rows_text([good(1, expected_due_date="  ")], "jsonl"), "jsonl").accepted
    assert row.expected_due_date is None


def test_the_good_row_is_good() -> None:
    upload = parse_text(rows_text([GOOD], "csv"), "csv")
    assert upload.rejections == ()
