"""JSON Lines specifics: one object per line, value types, keys, and lines that are no row."""

from __future__ import annotations

import json

from intake import RejectionCode
from tests.intake.samples import as_json, good, parse_text


def lines(*items: object) -> str:
    return "\n".join(item if isinstance(item, str) else json.dumps(item) for item in items)


def test_rows_are_numbered_by_line_from_1_and_blank_lines_are_not_rows() -> None:
    text = lines(as_json(good(1)), "", "  \t", as_json(good(2, postcode="x")), as_json(good(3)), "")
    upload = parse_text(text, "jsonl")
    assert upload.rows_read == 3
    assert [r.row_number for r in upload.accepted] == [1, 5]
    assert [r.row_number for r in upload.rejections] == [4]


def test_a_line_that_is_not_json_or_not_an_object_is_a_row_rejection() -> None:
    text = lines(as_json(good(1)), "{not json", '["an", "array"]', '"text"', as_json(good(2)))
    upload = parse_text(text, "jsonl")
    assert [(r.row_number, r.field, r.code) for r in upload.rejections] == [
        (2, None, RejectionCode.INVALID_JSON),
        (3, None, RejectionCode.NOT_AN_OBJECT),
        (4, None, RejectionCode.NOT_AN_OBJECT),
    ]
    assert "column" in upload.rejections[0].message
    assert [r.row_number for r in upload.accepted] == [1, 5]


def test_an_object_with_a_key_twice_is_invalid_json() -> None:
    text = json.dumps(as_json(good(1)))[:-1] + ', "Given_Name": "Ben"}\n'
    text += json.dumps(as_json(good(2)))
    [rejection] = parse_text(text, "jsonl").rejections
    assert rejection.code is RejectionCode.INVALID_JSON
    assert "given_name" in rejection.message


def test_values_of_the_wrong_json_type_are_each_reported() -> None:
    row = as_json(good(1))
    row.update(uprn=100040212345, sex=True, given_name={"first": "A"}, town=["Exeter"])
    [other] = parse_text(lines(row), "jsonl").rejections[3:]
    upload = parse_text(lines(row), "jsonl")
    assert [(r.field, r.code) for r in upload.rejections] == [
        ("given_name", RejectionCode.WRONG_TYPE),
        ("sex", RejectionCode.WRONG_TYPE),
        ("town", RejectionCode.WRONG_TYPE),
        ("uprn", RejectionCode.WRONG_TYPE),
    ]
    assert "a number" in other.message


def test_criteria_must_be_an_array_of_strings() -> None:
    for criteria in ("CR1;SA1", ["CR1", 2], {"CR1": True}):
        row = {**as_json(good(1)), "criteria": criteria}
        [rejection] = parse_text(lines(row), "jsonl").rejections
        assert (rejection.field, rejection.code) == ("criteria", RejectionCode.WRONG_TYPE)


def test_null_and_absent_optional_values_are_missing_and_keys_match_ignoring_case() -> None:
    row = {key.upper(): value for key, value in as_json(good(1)).items()}
    row.update(UPN=None, TOWN=None)
    del row["OTHER_NAMES"]
    [accepted] = parse_text(lines(row), "jsonl").accepted
    assert (accepted.upn, accepted.town, accepted.other_names) == (None, None, None)


def test_a_required_null_is_missing() -> None:
    row = {**as_json(good(1)), "family_name": None}
    [rejection] = parse_text(lines(row), "jsonl").rejections
    assert (rejection.field, rejection.code) == ("family_name", RejectionCode.MISSING_FIELD)


def test_unicode_line_separators_inside_strings_do_not_split_lines() -> None:
    row = {**as_json(good(1)), "given_name": "Ame\u2028lia"}
    text = json.dumps(row, ensure_ascii=False) + "\r\n" + json.dumps(as_json(good(2)))
    upload = parse_text(text, "jsonl")
    assert upload.rows_read == 2
    [rejection] = upload.rejections
    assert (rejection.row_number, rejection.code) == (1, RejectionCode.CONTROL_CHARACTERS)


def test_lone_surrogates_from_json_escapes_are_control_characters() -> None:
    text = json.dumps({**as_json(good(1)), "family_name": "\ud800"})
    [rejection] = parse_text(text, "jsonl").rejections
    assert (rejection.field, rejection.code) == ("family_name", RejectionCode.CONTROL_CHARACTERS)


def test_lines_nested_too_deeply_or_with_huge_numbers_are_invalid_json() -> None:
    text = lines(as_json(good(1)), "[" * 100_000, '{"uprn": ' + "9" * 5000 + "}")
    upload = parse_text(text, "jsonl")
    assert [(r.row_number, r.code) for r in upload.rejections] == [
        (2, RejectionCode.INVALID_JSON),
        (3, RejectionCode.INVALID_JSON),
    ]
