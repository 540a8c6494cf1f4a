"""graph.text and intake.text fold text alike: a name matched as one person in intake is one
surname in households, and an address line folds the same way wherever it is keyed."""

from __future__ import annotations

import pytest

from graph.text import fold as graph_fold
from intake.text import fold as intake_fold


@pytest.mark.parametrize(
    "text",
    ["Łukasz Wójcik", "ØST CAFÉ", "Straße", "Æthelred Þorn", "O'Brien", "Анна", "مريم", "", None],
)
def test_both_layers_fold_alike(text: str | None) -> None:
    assert graph_fold(text) == intake_fold(text)


def test_accents_and_case_go_and_letters_stay() -> None:
    assert intake_fold("Łukasz ØST Café Straße") == "lukasz ost cafe strasse"
    assert intake_fold("Анна") == "анна"
