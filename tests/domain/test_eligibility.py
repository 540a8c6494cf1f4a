"""Both frameworks' thresholds at their boundaries, and the reasons a decision records."""

from __future__ import annotations

from datetime import date

import pytest

from domain.eligibility import (
    Assessment,
    FamilyFacts,
    Framework,
    Member,
    assess,
    builtin_frameworks,
)
from graph.family_status import MemberFacts
from services.eligibility import member_on
from vocabulary import FamilyStatus as Status

AS_AT = date(2026, 1, 1)
RECENT = date(2025, 11, 1)  # evidence two months old on AS_AT: current
CHILD = Member(date(2018, 6, 1))  # 7 on AS_AT
ADULT = Member(date(1990, 1, 1))
EXPECTANT = Member(date(1999, 1, 1), expectant=True)


def _framework(id_: str) -> Framework:
    return next(f for f in builtin_frameworks() if f.id == id_)


def _assess(id_: str, *codes: str, members: tuple[Member, ...] = (ADULT, CHILD)) -> Assessment:
    return assess(_framework(id_), FamilyFacts(members, _reported(*codes)), AS_AT)


def _reported(*codes: str, on: date = RECENT) -> dict[str, date | None]:
    return dict.fromkeys(codes, on)


@pytest.mark.parametrize(
    ("codes", "status"),
    [
        (("CR1",), Status.BELOW_THRESHOLD),
        (("CR1", "SA1"), Status.ELIGIBLE),
        (("CR1", "CR2", "CR4"), Status.BELOW_THRESHOLD),  # three indicators, one problem
        (("CR1", "SA1", "HE1"), Status.ELIGIBLE),
    ],
)
def test_tf2015_needs_two_distinct_headline_problems(
    codes: tuple[str, ...], status: Status
) -> None:
    assert _assess("tf2015", *codes).status is status


def test_tf2015_asks_for_a_dependent_child() -> None:
    # The 2015 programme was for families with dependent children: two adults' problems alone
    # do not make a family eligible.
    decision = _assess("tf2015", "WK1", "HE1", members=(ADULT,))
    assert decision.status is Status.BELOW_THRESHOLD
    assert decision.reasons == (
        "2 of 6 headline problems met (health, worklessness); at least 2 needed",
        "no dependent child (under 18) and no expectant parent; the framework needs one",
    )
    with_child = _assess("tf2015", "WK1", "HE1", members=(ADULT, CHILD))
    assert with_child.status is Status.ELIGIBLE
    assert with_child.reasons[1] == "a dependent child (aged 7)"


@pytest.mark.parametrize(
    ("codes", "status"),
    [
        (("SF-EDU-1", "SF-HLT-1"), Status.BELOW_THRESHOLD),
        (("SF-EDU-1", "SF-HLT-1", "SF-HSG-1"), Status.ELIGIBLE),
        (("SF-EDU-1", "SF-EDU-2", "SF-HLT-1", "SF-HLT-2"), Status.BELOW_THRESHOLD),
    ],
)
def test_sf2022_needs_three_distinct_headline_needs(codes: tuple[str, ...], status: Status) -> None:
    assert _assess("sf2022", *codes).status is status


def test_sf2022_eligible_decision_says_why() -> None:
    decision = _assess("sf2022", "SF-EDU-1", "SF-HLT-1", "SF-HSG-1")
    assert decision.framework_id == "sf2022"
    assert decision.framework_version == "2022.2"
    assert decision.headlines_met == ("education", "health", "housing")
    assert decision.explanation == (
        "3 of 10 headline needs met (education, health, housing); at least 3 needed; "
        "a dependent child (aged 7)"
    )


def test_sf2022_three_needs_without_a_child_or_expectant_parent_is_below_threshold() -> None:
    decision = _assess("sf2022", "SF-EDU-3", "SF-HLT-1", "SF-HSG-1", members=(ADULT,))
    assert decision.status is Status.BELOW_THRESHOLD
    assert decision.reasons[1] == (
        "no dependent child (under 18) and no expectant parent; the framework needs one"
    )


def test_sf2022_an_expectant_parent_without_children_can_be_eligible() -> None:
    decision = _assess("sf2022", "SF-EY-2", "SF-HLT-1", "SF-HSG-1", members=(EXPECTANT,))
    assert decision.status is Status.ELIGIBLE
    assert decision.reasons[1] == "an expectant parent"


@pytest.mark.parametrize(
    ("born", "status"),
    [
        (date(2008, 1, 2), Status.ELIGIBLE),  # 17: turns 18 the day after
        (date(2008, 1, 1), Status.BELOW_THRESHOLD),  # 18 on the assessment date
        (date(2026, 1, 2), Status.BELOW_THRESHOLD),  # born after the assessment date
    ],
)
def test_sf2022_a_dependent_child_is_under_18_on_the_assessment_date(
    born: date, status: Status
) -> None:
    members = (ADULT, Member(born))
    assert _assess("sf2022", "SF-EDU-1", "SF-HLT-1", "SF-HSG-1", members=members).status is status


def test_a_member_without_a_date_of_birth_is_not_counted_and_the_reason_says_so() -> None:
    decision = _assess("sf2022", "SF-EDU-1", "SF-HLT-1", "SF-HSG-1", members=(Member(None),))
    assert decision.status is Status.BELOW_THRESHOLD
    assert "1 member(s) with no date of birth could not be counted" in decision.reasons[1]


def test_several_children_are_listed_by_age() -> None:
    members = (ADULT, Member(date(2012, 3, 1)), CHILD, EXPECTANT)
    decision = _assess("sf2022", "SF-EDU-1", "SF-HLT-1", "SF-HSG-1", members=members)
    assert decision.reasons[1] == "dependent children (aged 7, 13) and an expectant parent"


def test_indicators_unknown_to_the_framework_are_ignored_and_named() -> None:
    # CR1 and SA1 are 2015 criteria: under 2022 they count for nothing.
    decision = _assess("sf2022", "SF-EDU-1", "SF-HLT-1", "CR1", "SA1")
    assert decision.status is Status.BELOW_THRESHOLD
    assert decision.headlines_met == ("education", "health")
    assert decision.ignored_indicators == ("CR1", "SA1")
    assert decision.reasons[-1] == "indicators not in this framework were ignored: CR1, SA1"


def test_no_indicator_of_the_framework_leaves_the_family_identified() -> None:
    for decision in (_assess("tf2015"), _assess("tf2015", "SF-EDU-1", "SF-HLT-1")):
        assert decision.status is Status.IDENTIFIED
        assert decision.headlines_met == ()
        assert decision.reasons[0] == (
            "no indicator reported is part of "
            "Troubled Families programme (2015 expanded programme) version 2015.2"
        )


def test_a_closed_family_stays_closed_whatever_it_meets() -> None:
    framework = _framework("tf2015")
    facts = FamilyFacts((ADULT, CHILD), _reported("CR1", "SA1"), closed=True)
    decision = assess(framework, facts, AS_AT)
    assert decision.status is Status.CLOSED
    assert decision.headlines_met == ("crime_asb", "school_attendance")
    assert decision.reasons[0] == "the family's case is closed, so its status is not reassessed"


def test_the_same_facts_decide_differently_under_each_framework() -> None:
    # Why each family records the framework version: the status alone is not comparable.
    codes = ("CR1", "SA1", "SF-EDU-1", "SF-HLT-1")
    facts = FamilyFacts((ADULT, CHILD), _reported(*codes))
    by_framework = {f.id: assess(f, facts, AS_AT).status for f in builtin_frameworks()}
    assert by_framework == {"tf2015": Status.ELIGIBLE, "sf2022": Status.BELOW_THRESHOLD}


def test_a_member_is_expectant_until_their_latest_due_date_has_passed() -> None:
    # Due dates from two partners' records: the later one decides.
    facts = MemberFacts(date(1999, 1, 1), (date(2025, 6, 1), date(2026, 1, 1)))
    assert member_on(facts, AS_AT).expectant
    assert not member_on(facts, date(2026, 1, 2)).expectant
    assert not member_on(MemberFacts(date(1999, 1, 1)), AS_AT).expectant
    assert member_on(facts, AS_AT).date_of_birth == date(1999, 1, 1)


@pytest.mark.parametrize(
    ("evidence", "counts"),
    [
        (date(2025, 1, 2), True),  # 11 months and 30 days before AS_AT
        (date(2025, 1, 1), False),  # 12 months before: its year is over
        (date(2015, 6, 1), False),  # a decade old
        (date(2026, 1, 1), True),  # the assessment date itself
        (date(2026, 1, 2), False),  # after the assessment date: not yet evidence
    ],
)
def test_evidence_counts_for_its_indicators_months(evidence: date, counts: bool) -> None:
    facts = FamilyFacts((ADULT, CHILD), {"CR1": evidence, "SA1": RECENT})
    decision = assess(_framework("tf2015"), facts, AS_AT)
    assert (decision.status is Status.ELIGIBLE) is counts
    assert ("CR1" in decision.aged_indicators) is not counts


def test_a_family_is_not_eligible_today_on_evidence_from_years_ago() -> None:
    facts = FamilyFacts((ADULT, CHILD), _reported("CR1", "SA1", on=date(2015, 6, 1)))
    decision = assess(_framework("tf2015"), facts, AS_AT)
    assert decision.status is Status.BELOW_THRESHOLD
    assert decision.headlines_met == ()
    assert decision.evidence == ()
    assert decision.reasons[0] == "no headline problem met on current evidence"
    assert decision.reasons[-1] == (
        "evidence not current, so not counted: CR1 (evidence of 2015-06-01; counts for 12 "
        "months), SA1 (evidence of 2015-06-01; counts for 12 months)"
    )


def test_undated_evidence_does_not_count() -> None:
    facts = FamilyFacts((ADULT, CHILD), {"CR1": None, "SA1": RECENT})
    decision = assess(_framework("tf2015"), facts, AS_AT)
    assert decision.status is Status.BELOW_THRESHOLD
    assert "CR1 (undated evidence; counts for 12 months)" in decision.reasons[-1]


def test_the_decision_keeps_the_evidence_it_rested_on() -> None:
    facts = FamilyFacts((ADULT, CHILD), {"CR1": RECENT, "SA1": date(2025, 9, 1), "CR2": None})
    decision = assess(_framework("tf2015"), facts, AS_AT)
    assert [(e.code, e.headline, e.evidence_date) for e in decision.evidence] == [
        ("CR1", "crime_asb", RECENT),
        ("SA1", "school_attendance", date(2025, 9, 1)),
    ]
    assert decision.aged_indicators == ("CR2",)


def test_a_month_end_evidence_date_ages_at_the_shorter_months_end() -> None:
    # 31 August plus six months is the last day of February.
    from domain.eligibility._assess import months_after

    assert months_after(date(2025, 8, 31), 6) == date(2026, 2, 28)
    assert months_after(date(2023, 8, 31), 6) == date(2024, 2, 29)
    assert months_after(date(2025, 1, 15), 12) == date(2026, 1, 15)
