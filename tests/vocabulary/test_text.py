"""Text folded for comparison: case and accents go, letters of every script stay."""

from __future__ import annotations

import pytest

from vocabulary import fold, name_key


def test_accents_and_case_go_and_letters_stay() -> None:
    assert fold("Łukasz ØST Café Straße") == "lukasz ost cafe strasse"
    assert fold("Анна") == "анна"


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Æthelred Þorn", "aethelred thorn"),
        ("O'Brien", "o'brien"),
        ("مريم", "مريم"),
        ("", ""),
        (None, ""),
    ],
)
def test_fold(text: str | None, folded: str) -> None:
    assert fold(text) == folded


def test_a_name_key_is_the_folded_full_name() -> None:
    assert name_key("Łukasz", "Wójcik") == "lukasz wojcik"
    assert name_key("ŁUKASZ", None) == "lukasz "
