"""Address keys: stored keys of plain ASCII lines never change (every Address and Household
holds one), and accents, case, punctuation and spacing do not make a different address."""

from __future__ import annotations

import pytest

from domain.households import address_key


@pytest.mark.parametrize(
    ("line1", "postcode", "key"),
    [
        ("12 High St.", "ex1 1aa", "addr:12 HIGH ST|EX1 1AA"),
        ("Flat 2,  Mill-House", "EX3  1AA", "addr:FLAT 2 MILLHOUSE|EX3 1AA"),
        ("1 Café Row", "EX3 1AA", "addr:1 CAFE ROW|EX3 1AA"),
        ("2 Øst Road", "EX3 1AA", "addr:2 OST ROAD|EX3 1AA"),
        ("3 Straße\u00a0Lane", "EX3 1AA", "addr:3 STRASSE LANE|EX3 1AA"),
    ],
)
def test_a_line_and_postcode_make_one_key(line1: str, postcode: str, key: str) -> None:
    assert address_key(None, line1, postcode) == key


def test_a_uprn_is_the_key_whatever_the_line() -> None:
    assert address_key("100040", "1 Café Row", "EX3 1AA") == "uprn:100040"
