"""The data classes: the ordinary ones and those that need a condition beyond the lawful basis."""

from __future__ import annotations

from vocabulary import SPECIAL, DataClass

ORDINARY = ["identity", "contact", "address", "family_links", "education", "employment"]
ORDINARY += ["housing", "social_care", "case_notes"]


def test_special_categories_are_the_articles_9_and_10_classes() -> None:
    assert {c.value for c in DataClass} == SPECIAL | set(ORDINARY)
    assert {"health", "ethnicity", "religion", "sex_life", "criminal_offence"} == SPECIAL
