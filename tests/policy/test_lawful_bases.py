"""The catalogue of lawful bases and conditions: complete, in both regimes, strict on codes."""

from __future__ import annotations

import ast
import dataclasses
import itertools
from pathlib import Path

import pytest

from policy import lawful_bases
from policy.lawful_bases import (
    BASES,
    CONDITIONS,
    LawfulBasis,
    SpecialCondition,
    UnknownBasis,
    UnknownCondition,
    basis,
    condition,
    condition_covers,
    needs_condition,
)
from vocabulary import SPECIAL as SPECIAL_CATEGORIES
from vocabulary import DataClass

ORDINARY = ["identity", "contact", "address", "family_links", "education", "employment"]
ORDINARY += ["housing", "social_care", "case_notes"]

# What the agreement cites (Appendix 1 and 2), and the current article for each.
BASIS_ARTICLES = {
    LawfulBasis.CONSENT: ("Article 6(1)(a)", "Schedule 2, paragraph 1"),
    LawfulBasis.LEGAL_OBLIGATION: ("Article 6(1)(c)", "Schedule 2, paragraph 3; section 35(1)"),
    LawfulBasis.VITAL_INTERESTS: ("Article 6(1)(d)", "Schedule 2, paragraph 4"),
    LawfulBasis.PUBLIC_TASK: ("Article 6(1)(e)", "Schedule 2, paragraph 5"),
    LawfulBasis.PREVENTION_OF_CRIME: ("Article 6(1)(e)", "Section 29(3); Schedule 2, paragraph 5"),
}

CONDITION_ARTICLES = {
    SpecialCondition.EXPLICIT_CONSENT: ("Article 9(2)(a)", None, "Schedule 3, paragraph 1"),
    SpecialCondition.VITAL_INTERESTS_SPECIAL: ("Article 9(2)(c)", None, "Schedule 3, paragraph 3"),
    SpecialCondition.SUBSTANTIAL_PUBLIC_INTEREST_SAFEGUARDING: (
        "Article 9(2)(g)",
        "Schedule 1, paragraph 18",
        "Schedule 3, paragraph 3",
    ),
    SpecialCondition.STATUTORY_PURPOSES: (
        "Article 9(2)(g)",
        "Schedule 1, paragraph 6",
        "Schedule 3, paragraph 7",
    ),
    SpecialCondition.PREVENTING_DETECTING_UNLAWFUL_ACTS: (
        "Article 9(2)(g)",
        "Schedule 1, paragraph 10",
        "SI 2000/417, Schedule, paragraph 1",
    ),
    SpecialCondition.HEALTH_OR_SOCIAL_CARE: (
        "Article 9(2)(h)",
        "Schedule 1, paragraph 2",
        "Schedule 3, paragraph 8",
    ),
}

ALL_SPECIAL = set(SPECIAL_CATEGORIES)
# Which special classes each condition may be used for, written out independently of the module.
COVERS: dict[SpecialCondition, set[str]] = {
    SpecialCondition.EXPLICIT_CONSENT: ALL_SPECIAL,
    SpecialCondition.VITAL_INTERESTS_SPECIAL: ALL_SPECIAL,
    SpecialCondition.SUBSTANTIAL_PUBLIC_INTEREST_SAFEGUARDING: ALL_SPECIAL,
    SpecialCondition.STATUTORY_PURPOSES: ALL_SPECIAL,
    SpecialCondition.PREVENTING_DETECTING_UNLAWFUL_ACTS: ALL_SPECIAL,
    SpecialCondition.HEALTH_OR_SOCIAL_CARE: {"health"},  # conservative: health data only
}


# -- the catalogue ---------------------------------------------------------------------------


def test_every_basis_and_condition_is_catalogued_under_its_own_code() -> None:
    assert set(BASES) == set(LawfulBasis) == set(BASIS_ARTICLES)
    assert set(CONDITIONS) == set(SpecialCondition) == set(CONDITION_ARTICLES) == set(COVERS)
    assert all(code is definition.code for code, definition in BASES.items())
    assert all(code is definition.code for code, definition in CONDITIONS.items())


def test_legitimate_interests_is_not_offered_to_public_authorities() -> None:
    assert "LEGITIMATE_INTERESTS" not in LawfulBasis.__members__
    with pytest.raises(UnknownBasis):
        basis("LEGITIMATE_INTERESTS")


@pytest.mark.parametrize("code", list(LawfulBasis))
def test_basis_carries_both_regimes(code: LawfulBasis) -> None:
    definition = BASES[code]
    uk_gdpr, dpa_1998 = BASIS_ARTICLES[code]
    assert definition.uk_gdpr == uk_gdpr
    assert definition.dpa_1998 == dpa_1998
    assert definition.title.strip()
    assert definition.description.strip()
    assert definition.requires_justification is (code is not LawfulBasis.CONSENT)


@pytest.mark.parametrize("code", list(SpecialCondition))
def test_condition_carries_both_regimes(code: SpecialCondition) -> None:
    definition = CONDITIONS[code]
    uk_gdpr, dpa_2018, dpa_1998 = CONDITION_ARTICLES[code]
    assert definition.uk_gdpr == uk_gdpr
    assert definition.dpa_1998.startswith(dpa_1998)
    if dpa_2018 is None:  # Art 9(2)(a) and (c) stand without a Schedule 1 paragraph
        assert definition.dpa_2018 is None
    else:
        assert definition.dpa_2018 is not None
        assert definition.dpa_2018.startswith(dpa_2018)
    assert definition.title.strip()
    assert definition.description.strip()
    assert definition.requires_justification is (code is not SpecialCondition.EXPLICIT_CONSENT)


@pytest.mark.parametrize("code", list(SpecialCondition))
def test_a_condition_covers_criminal_offence_data_only_with_an_article_10_route(
    code: SpecialCondition,
) -> None:
    definition = CONDITIONS[code]
    if "criminal_offence" in definition.covers:
        assert definition.criminal_offence is not None
        assert definition.criminal_offence.startswith("Article 10; Schedule 1, paragraph ")
    else:
        assert definition.criminal_offence is None


def test_substantial_public_interest_conditions_reach_criminal_data_through_paragraph_36() -> None:
    for definition in CONDITIONS.values():
        if definition.uk_gdpr == "Article 9(2)(g)":
            assert definition.criminal_offence is not None
            assert definition.criminal_offence.endswith("with paragraph 36")
            assert "appropriate policy document" in definition.description


# -- lookups ---------------------------------------------------------------------------------


@pytest.mark.parametrize("code", list(LawfulBasis))
def test_every_basis_code_looks_up(code: LawfulBasis) -> None:
    assert basis(code) is BASES[code]
    assert basis(str(code.value)) is BASES[code]
    assert basis(f"  {code.value}\n") is BASES[code]  # padding is stripped


@pytest.mark.parametrize("code", list(SpecialCondition))
def test_every_condition_code_looks_up(code: SpecialCondition) -> None:
    assert condition(code) is CONDITIONS[code]
    assert condition(str(code.value)) is CONDITIONS[code]
    assert condition(f"\t{code.value} ") is CONDITIONS[code]


BAD_CODES = [
    "",
    "   ",
    "consent",
    "Public_Task",
    "LEGITIMATE_INTERESTS",
    "CONSENT!",
    "EXPLICIT_CONSENT",
]


@pytest.mark.parametrize("code", BAD_CODES)
def test_an_unknown_basis_names_the_valid_codes(code: str) -> None:
    with pytest.raises(UnknownBasis) as raised:
        basis(code)
    message = str(raised.value)
    assert all(valid.value in message for valid in LawfulBasis)
    assert raised.value.code == code
    assert raised.value.valid == tuple(LawfulBasis)
    assert isinstance(raised.value, ValueError)


@pytest.mark.parametrize("code", ["", "  ", "explicit_consent", "CONSENT", "SAFEGUARDING"])
def test_an_unknown_condition_names_the_valid_codes(code: str) -> None:
    with pytest.raises(UnknownCondition) as raised:
        condition(code)
    message = str(raised.value)
    assert all(valid.value in message for valid in SpecialCondition)
    assert isinstance(raised.value, UnknownBasis)  # one handler serves both lookups


def test_messages_say_what_is_wrong() -> None:
    with pytest.raises(UnknownBasis, match=r"^no lawful basis given; valid codes: CONSENT, "):
        basis("  ")
    with pytest.raises(
        UnknownBasis,
        match=r"^unknown lawful basis 'public-task' \(codes are case-sensitive\); valid",
    ):
        basis("public-task")
    with pytest.raises(UnknownBasis) as raised:
        basis("public-task")
    assert "did you mean" not in str(raised.value).lower()  # no suggestions anywhere
    with pytest.raises(UnknownBasis, match=r"^unknown lawful basis 'CONSENT!'; valid codes:"):
        basis("CONSENT!")
    with pytest.raises(UnknownCondition, match=r"^unknown special category condition 'x'"):
        condition("x")


# -- special categories ----------------------------------------------------------------------


@pytest.mark.parametrize("data_class", sorted(SPECIAL_CATEGORIES))
def test_special_classes_need_a_condition(data_class: str) -> None:
    assert needs_condition(data_class)


@pytest.mark.parametrize("data_class", ORDINARY)
def test_ordinary_classes_need_no_condition(data_class: str) -> None:
    assert not needs_condition(data_class)


@pytest.mark.parametrize(
    ("code", "data_class"),
    list(itertools.product(SpecialCondition, sorted(SPECIAL_CATEGORIES) + ORDINARY)),
)
def test_condition_covers(code: SpecialCondition, data_class: str) -> None:
    assert condition_covers(code, data_class) is (data_class in COVERS[code])


@pytest.mark.parametrize(
    ("code", "data_class", "allowed"),
    [
        (SpecialCondition.EXPLICIT_CONSENT, "sex_life", True),
        (SpecialCondition.EXPLICIT_CONSENT, "criminal_offence", True),
        (SpecialCondition.EXPLICIT_CONSENT, "identity", False),
        (SpecialCondition.VITAL_INTERESTS_SPECIAL, "health", True),
        (SpecialCondition.VITAL_INTERESTS_SPECIAL, "contact", False),
        (SpecialCondition.SUBSTANTIAL_PUBLIC_INTEREST_SAFEGUARDING, "criminal_offence", True),
        (SpecialCondition.SUBSTANTIAL_PUBLIC_INTEREST_SAFEGUARDING, "social_care", False),
        (SpecialCondition.STATUTORY_PURPOSES, "ethnicity", True),
        (SpecialCondition.STATUTORY_PURPOSES, "education", False),
        (SpecialCondition.PREVENTING_DETECTING_UNLAWFUL_ACTS, "criminal_offence", True),
        (SpecialCondition.PREVENTING_DETECTING_UNLAWFUL_ACTS, "housing", False),
        (SpecialCondition.HEALTH_OR_SOCIAL_CARE, "health", True),
        (SpecialCondition.HEALTH_OR_SOCIAL_CARE, "criminal_offence", False),
        (SpecialCondition.HEALTH_OR_SOCIAL_CARE, "religion", False),
        (SpecialCondition.HEALTH_OR_SOCIAL_CARE, "social_care", False),
    ],
)
def test_condition_covers_examples(code: SpecialCondition, data_class: str, allowed: bool) -> None:
    assert condition_covers(code, data_class) is allowed


def test_condition_covers_reads_codes_and_data_classes_as_given() -> None:
    assert condition_covers("HEALTH_OR_SOCIAL_CARE", DataClass.HEALTH)
    with pytest.raises(UnknownCondition):
        condition_covers("HEALTH", "health")


# -- read-only and pure ----------------------------------------------------------------------


def test_the_catalogue_is_read_only() -> None:
    with pytest.raises(TypeError):
        BASES[LawfulBasis.CONSENT] = BASES[LawfulBasis.PUBLIC_TASK]  # type: ignore[index]
    with pytest.raises(TypeError):
        del BASES[LawfulBasis.CONSENT]  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        CONDITIONS[SpecialCondition.EXPLICIT_CONSENT] = CONDITIONS[  # type: ignore[index]
            SpecialCondition.HEALTH_OR_SOCIAL_CARE
        ]
    with pytest.raises(dataclasses.FrozenInstanceError):
        BASES[LawfulBasis.CONSENT].requires_justification = True  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        CONDITIONS[SpecialCondition.HEALTH_OR_SOCIAL_CARE].covers = SPECIAL_CATEGORIES  # type: ignore[misc]
    assert isinstance(SPECIAL_CATEGORIES, frozenset)
    assert all(isinstance(d.covers, frozenset) for d in CONDITIONS.values())


def test_the_module_does_no_io() -> None:
    tree = ast.parse(Path(lawful_bases.__file__).read_text())
    imported = {
        alias.name if isinstance(node, ast.Import) else node.module
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    # The vocabulary is pure too: the standard library only (tests/test_architecture.py).
    allowed = {"__future__", "collections.abc", "dataclasses", "enum", "types", "typing"}
    assert imported <= allowed | {"vocabulary"}
