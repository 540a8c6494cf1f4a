"""Deciding one family's status under one framework version, with the reasons to record.

The decision counts distinct headlines, not indicators: two partners reporting the same
problem (or one reporting two indicators of the same headline) is still one headline. A report
counts for as many months after its evidence date as its indicator says (evidence ages): a
family is not eligible today on evidence from years ago.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from domain.eligibility._framework import Framework, Indicator
from vocabulary import FamilyStatus

# A simplification, documented in README.md: the programme guidance also counts young people
# of 18 or 19 in full-time education as dependent; the data here carries no enrolment, so a
# dependent child is anyone under 18 on the assessment date.
DEPENDENT_UNDER = 18


@dataclass(frozen=True)
class Member:
    date_of_birth: date | None
    expectant: bool = False


@dataclass(frozen=True)
class FamilyFacts:
    """What the assessment may use about a family: its current members, the indicator codes
    reported about any of them with the latest evidence date reported for each (``None`` when
    no report of it is dated), and whether its case is closed."""

    members: tuple[Member, ...]
    indicators: Mapping[str, date | None] = field(default_factory=dict)
    closed: bool = False


@dataclass(frozen=True)
class Evidence:
    """An indicator a decision counted, the headline it evidences, and its latest evidence date."""

    code: str
    headline: str
    evidence_date: date | None


@dataclass(frozen=True)
class Assessment:
    """A family's status and why, with the framework version that decided it.

    Record all of it on the family: `reasons` are sentences for a person, `headlines_met` and
    `ignored_indicators` the same facts for a machine.
    """

    status: FamilyStatus
    framework_id: str
    framework_version: str
    as_at: date
    headlines_met: tuple[str, ...]
    ignored_indicators: tuple[str, ...]
    reasons: tuple[str, ...]
    # What the decision rested on: the indicators counted, and those whose evidence had aged.
    evidence: tuple[Evidence, ...] = ()
    aged_indicators: tuple[str, ...] = ()

    @property
    def explanation(self) -> str:
        return "; ".join(self.reasons)


def age_on(born: date, day: date) -> int:
    before_birthday = (day.month, day.day) < (born.month, born.day)
    return day.year - born.year - before_birthday


def months_after(day: date, months: int) -> date:
    """``day`` plus whole calendar months; the 31st becomes the month's last day when shorter."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    for last in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has a 28th")


def is_current(indicator: Indicator, evidence_date: date | None, as_at: date) -> bool:
    """Whether evidence dated ``evidence_date`` counts on ``as_at``: dated, not after ``as_at``,
    and less than the indicator's ``evidence_months`` before it. Undated evidence cannot be
    shown current, so it does not count."""
    if evidence_date is None or evidence_date > as_at:
        return False
    return as_at < months_after(evidence_date, indicator.evidence_months)


def assess(framework: Framework, family: FamilyFacts, as_at: date) -> Assessment:
    """The family's status under `framework` on `as_at`.

    >>> tf2015 = next(f for f in builtin_frameworks() if f.id == "tf2015")
    >>> child = Member(date_of_birth=date(2015, 3, 1))
    >>> reported = {"CR1": date(2025, 11, 2), "SA1": date(2025, 7, 1)}
    >>> assess(tf2015, FamilyFacts(members=(child,), indicators=reported), date(2026, 1, 1)).status
    <FamilyStatus.ELIGIBLE: 'ELIGIBLE'>
    """
    known = {code: framework.indicator(code) for code in family.indicators}
    ignored = tuple(sorted(code for code, i in known.items() if i is None))
    evidence = tuple(
        Evidence(code, i.headline, family.indicators[code])
        for code, i in sorted(known.items())
        if i is not None and is_current(i, family.indicators[code], as_at)
    )
    counted = {e.code for e in evidence}
    aged = tuple(sorted(c for c, i in known.items() if i is not None and c not in counted))
    met = tuple(sorted({e.headline for e in evidence}))
    reasons: list[str] = []

    if family.closed:
        reasons.append("the family's case is closed, so its status is not reassessed")
    if not met and not aged:
        reasons.append(
            f"no indicator reported is part of {framework.name} version {framework.version}"
        )
    elif not met:
        reasons.append(f"no {framework.headline_term} met on current evidence")
    else:
        reasons.append(_count_reason(framework, met))
    has_dependant = True
    if framework.rule.requires_dependent_child_or_expectant_parent:
        has_dependant, sentence = _dependant_reason(family.members, as_at)
        reasons.append(sentence)
    if aged:
        reasons.append(_aged_reason(framework, aged, family.indicators))
    if ignored:
        reasons.append(f"indicators not in this framework were ignored: {', '.join(ignored)}")

    if family.closed:
        status = FamilyStatus.CLOSED
    elif not met and not aged:
        status = FamilyStatus.IDENTIFIED
    elif len(met) >= framework.rule.min_headlines and has_dependant:
        status = FamilyStatus.ELIGIBLE
    else:
        status = FamilyStatus.BELOW_THRESHOLD
    return Assessment(
        status=status,
        framework_id=framework.id,
        framework_version=framework.version,
        as_at=as_at,
        headlines_met=met,
        ignored_indicators=ignored,
        reasons=tuple(reasons),
        evidence=evidence,
        aged_indicators=aged,
    )


def _aged_reason(
    framework: Framework, aged: tuple[str, ...], dates: Mapping[str, date | None]
) -> str:
    parts = []
    for code in aged:
        indicator = framework.indicator(code)
        assert indicator is not None
        day = dates[code]
        when = f"evidence of {day.isoformat()}" if day else "undated evidence"
        parts.append(f"{code} ({when}; counts for {indicator.evidence_months} months)")
    return f"evidence not current, so not counted: {', '.join(parts)}"


def _count_reason(framework: Framework, met: tuple[str, ...]) -> str:
    total, needed = len(framework.headlines), framework.rule.min_headlines
    term = framework.headline_term
    return f"{len(met)} of {total} {term}s met ({', '.join(met)}); at least {needed} needed"


def _dependant_reason(members: Iterable[Member], as_at: date) -> tuple[bool, str]:
    members = tuple(members)
    # Someone born after the assessment date was not yet a member on it.
    ages = sorted(
        age_on(m.date_of_birth, as_at)
        for m in members
        if m.date_of_birth is not None and m.date_of_birth <= as_at
    )
    children = [age for age in ages if age < DEPENDENT_UNDER]
    expectant = sum(m.expectant for m in members)
    found: list[str] = []
    if children:
        noun = "a dependent child" if len(children) == 1 else "dependent children"
        found.append(f"{noun} (aged {', '.join(map(str, children))})")
    if expectant:
        found.append("an expectant parent" if expectant == 1 else f"{expectant} expectant parents")
    if found:
        return True, " and ".join(found)
    sentence = (
        f"no dependent child (under {DEPENDENT_UNDER}) and no expectant parent; "
        "the framework needs one"
    )
    undated = sum(m.date_of_birth is None for m in members)
    if undated:
        sentence += f" ({undated} member(s) with no date of birth could not be counted)"
    return False, sentence
