"""CSV specifics: the header, quoting, line numbers, blank lines and ragged rows."""

from __future__ import annotations

import codecs

import pytest

from intake import MalformedCode, MalformedFile, RejectionCode, parse
from tests.intake.samples import KNOWN, TODAY, csv_text, good, parse_text

HEADER = "partner_reference,given_name,family_name,date_of_birth,address_line1,postcode,criteria"
HEADER += ",evidence_date"


def line(reference: str, given_name: str = "Amelia", postcode: str = "EX4 4QJ") -> str:
    return f"{reference},{given_name},Hughes,2011-04-23,12 Fore Street,{postcode},CR1,2024-03-01"


def test_header_names_match_in_any_order_and_case_and_optional_columns_may_be_left_out() -> None:
    text = " Criteria ,POSTCODE,Partner_Reference,given_name,family_name,date_of_birth,"
    text += (
        "address_line1,evidence_date\nCR2,EX4 4QJ,R1,Amelia,Hughes,2011-04-23,1 A St,2024-03-01\n"
    )
    [row] = parse_text(text, "csv").accepted
    assert (row.partner_reference, row.criteria, row.nhs_number, row.town) == (
        "R1",
        ("CR2",),
        None,
        None,
    )


def test_a_quoted_cell_spanning_lines_keeps_every_later_row_at_its_true_line() -> None:
    text = "\n".join(
        [
            HEADER,
            line("R1"),
            'R2,Amelia,Hughes,2011-04-23,"12 Fore Street',
            'Heavitree",EX4 4QJ,CR1,2024-03-01',
            line("R3"),
            line("R4", postcode="nowhere"),
            '"R5","Ann ""Nancy""",Hughes,2011-04-23,"1, Fore St",EX4 4QJ,CR1,2024-03-01',
        ]
    )
    upload = parse_text(text, "csv")
    assert [(r.row_number, r.field, r.code) for r in upload.rejections] == [
        (3, "address_line1", RejectionCode.CONTROL_CHARACTERS),
        (6, "postcode", RejectionCode.INVALID_POSTCODE),
    ]
    assert [r.row_number for r in upload.accepted] == [2, 5, 7]
    assert (upload.accepted[2].given_name, upload.accepted[2].address_line1) == (
        'Ann "Nancy"',
        "1, Fore St",
    )
    assert upload.rows_read == 5


def test_blank_lines_are_skipped_not_counted_and_rows_keep_their_line_numbers() -> None:
    text = f"\n{HEADER}\n\n{line('R1')}\n,,,,\n   \n{line('R2', postcode='x')}\n\n"
    upload = parse_text(text, "csv")
    assert upload.rows_read == 2
    assert [r.row_number for r in upload.accepted] == [4]
    assert [r.row_number for r in upload.rejections] == [7]


def test_windows_and_old_mac_line_endings() -> None:
    for newline in ("\r\n", "\r"):
        text = newline.join([HEADER, line("R1"), line("R2", postcode="x"), ""])
        upload = parse_text(text, "csv")
        assert [r.row_number for r in upload.accepted] == [2]
        assert [r.row_number for r in upload.rejections] == [3]


def test_a_byte_order_mark_is_not_part_of_the_first_column_name() -> None:
    data = codecs.BOM_UTF8 + csv_text([good(1)]).encode()
    upload = parse(data, filename="list.csv", known_criteria=KNOWN, today=TODAY)
    assert [r.partner_reference for r in upload.accepted] == ["HSG-1"]


def test_criteria_may_be_separated_by_semicolons_or_bars() -> None:
    [row] = parse_text(csv_text([good(1, criteria=" sa1 | CR2;cr1;SA1; ")]), "csv").accepted
    assert row.criteria == ("CR1", "CR2", "SA1")


def test_a_single_ragged_row_is_rejected_on_its_own() -> None:
    text = "\n".join([HEADER, line("R1"), "R2,Amelia,Hughes", line("R3"), line("R4") + ",extra"])
    upload = parse_text(text, "csv")
    assert [(r.row_number, r.field, r.code) for r in upload.rejections] == [
        (3, None, RejectionCode.WRONG_COLUMN_COUNT),
        (5, None, RejectionCode.WRONG_COLUMN_COUNT),
    ]
    assert [r.row_number for r in upload.accepted] == [2, 4]


def test_empty_cells_after_the_last_column_are_ignored() -> None:
    text = f"{HEADER},,\n{line('R1')},,\n{line('R2')}\n"
    assert len(parse_text(text, "csv").accepted) == 2


def test_a_misplaced_quote_rejects_its_row_only() -> None:
    text = "\n".join(
        [HEADER, line("R1"), '"R2"x,Amelia,Hughes,2011-04-23,A,EX4 4QJ,CR1,2024-03-01']
    )
    text += "\n" + line("R3")
    upload = parse_text(text, "csv")
    [rejection] = upload.rejections
    assert (rejection.row_number, rejection.field, rejection.code) == (
        3,
        None,
        RejectionCode.INVALID_CSV,
    )
    assert [r.row_number for r in upload.accepted] == [2, 4]


def test_a_header_without_rows_is_nothing_loadable() -> None:
    # Refused rather than recorded as an empty upload: nothing in it could ever load.
    for text in (HEADER + "\n", HEADER + "\n\n,,,,\n  \n"):
        with pytest.raises(MalformedFile) as caught:
            parse_text(text, "csv")
        assert caught.value.code is MalformedCode.NO_ROWS
        assert "header (line 1) but no rows" in caught.value.message
