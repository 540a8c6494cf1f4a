"""Consent as a series of decisions over time: which one counts for a disclosure, who may decide.

A person's consent is not one record but the decisions recorded about them, each with a scope
(purposes; organisations or sectors; the special categories it names explicitly), who made it and
when. For a disclosure to one organisation for one purpose, the decision that counts is the latest
whose scope covers it, among those made by someone who may decide for the person:

- the person themself, from the consent age (counted on the day of the decision);
- someone with parental responsibility, only while the person is a child (under 18 on the day of
  the decision, and today: at 18 it stops counting), and never over the child's own decision: once
  the child has made one whose scope covers the disclosure, a parent's decision no longer counts
  for it (a parent's decision for a child who has reached the consent age is flagged for review);
- an appropriate person, for an adult only, and only with a recorded reason (e.g. the person lacks
  capacity to decide);
- none of them before the person was born (an impossible record counts for nothing).

A refusal ends what an earlier consent gave, and so does a withdrawal (from the moment it was
recorded). A consent that counts covers the disclosure until it expires. Special category and
criminal offence data need explicit consent: a given consent covers them only when it names the
category; a refusal or withdrawal covers every category.

    effective(decisions, born=..., today=..., consent_age=13, purpose="assess-needs",
              recipient=Recipient("org-1", "health"))   # the Decision relied on, or None

Pure: the standard library only. ``graph.consent_summary`` materialises the answers for every
read; the decision table (``devtools.decision_table``) lays them out for review.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

ADULT_AGE = 18
DEFAULT_CONSENT_AGE = 13
FOREVER = dt.date(9999, 12, 31)


class Status(StrEnum):
    GIVEN = "GIVEN"
    REFUSED = "REFUSED"
    WITHDRAWN = "WITHDRAWN"  # given, then withdrawn: a refusal from the time it was withdrawn
    NOT_SOUGHT = "NOT_SOUGHT"  # a note that consent was not asked for: not a decision


class Grantor(StrEnum):
    SELF = "SELF"
    PARENTAL_RESPONSIBILITY = "PARENTAL_RESPONSIBILITY"
    APPROPRIATE_PERSON = "APPROPRIATE_PERSON"


@dataclass(frozen=True)
class Decision:
    """What the rule needs of one recorded consent decision."""

    id: str
    status: Status
    purposes: frozenset[str]
    organisations: frozenset[str]
    sectors: frozenset[str]
    grantor: Grantor
    given_on: dt.date  # the day the decision was made
    recorded_at: dt.datetime  # orders decisions made on the same day
    expires_on: dt.date | None = None
    withdrawn_at: dt.datetime | None = None
    special_categories: frozenset[str] = frozenset()
    grantor_name: str | None = None
    grantor_reason: str | None = None  # why an appropriate person decides for an adult


@dataclass(frozen=True)
class Recipient:
    """Who receives a disclosure: an organisation, and its sector when known."""

    organisation_id: str | None
    sector: str | None


def age_on(born: dt.date, day: dt.date) -> int:
    """Whole years of age on ``day``; someone born on 29 February is a year older on 1 March in
    a common year, as English law counts it."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def birthday(born: dt.date, age: int) -> dt.date:
    """The day someone born on ``born`` reaches ``age`` (1 March for a 29 February birthday)."""
    try:
        return born.replace(year=born.year + age)
    except ValueError:
        return dt.date(born.year + age, 3, 1)


class Problem(StrEnum):
    """Why the grantor of a decision may not decide for the person (on the decision's day)."""

    BEFORE_BIRTH = "BEFORE_BIRTH"
    NO_DATE_OF_BIRTH = "NO_DATE_OF_BIRTH"  # the grantor's standing depends on the person's age
    UNDER_CONSENT_AGE = "UNDER_CONSENT_AGE"  # the person's own decision, made too young
    NOT_A_CHILD = "NOT_A_CHILD"  # parental responsibility for someone 18 or over
    NOT_AN_ADULT = "NOT_AN_ADULT"  # an appropriate person for a child (parental responsibility)
    NO_GRANTOR_NAME = "NO_GRANTOR_NAME"
    NO_REASON = "NO_REASON"  # an appropriate person without the reason they decide


def standing(
    grantor: Grantor,
    given_on: dt.date,
    born: dt.date | None,
    consent_age: int,
    grantor_name: str | None = None,
    grantor_reason: str | None = None,
    refusing: bool = False,
) -> tuple[Problem, ...]:
    """What is wrong with the grantor deciding for the person on ``given_on`` (nothing: may).
    A person's own refusal is honoured when their date of birth is not known: saying no needs no
    proof of age, where saying yes does."""
    found: list[Problem] = []
    if born is not None and given_on < born:
        found.append(Problem.BEFORE_BIRTH)
    if grantor is not Grantor.SELF and not (grantor_name or "").strip():
        found.append(Problem.NO_GRANTOR_NAME)
    if grantor is Grantor.APPROPRIATE_PERSON and not (grantor_reason or "").strip():
        found.append(Problem.NO_REASON)
    if born is None:
        if not (refusing and grantor is Grantor.SELF):
            found.append(Problem.NO_DATE_OF_BIRTH)
        return tuple(found)
    age = age_on(born, given_on)
    if grantor is Grantor.SELF and age < consent_age:
        found.append(Problem.UNDER_CONSENT_AGE)
    elif grantor is Grantor.PARENTAL_RESPONSIBILITY and age >= ADULT_AGE:
        found.append(Problem.NOT_A_CHILD)
    elif grantor is Grantor.APPROPRIATE_PERSON and age < ADULT_AGE:
        found.append(Problem.NOT_AN_ADULT)
    return tuple(found)


def _may_decide(d: Decision, born: dt.date | None, consent_age: int) -> bool:
    refusing = d.status is not Status.GIVEN
    return not standing(
        d.grantor, d.given_on, born, consent_age, d.grantor_name, d.grantor_reason, refusing
    )


def counts_today(d: Decision, born: dt.date | None, today: dt.date, consent_age: int) -> bool:
    """Whether the decision's grantor could decide then and still can now (a parent's decision
    stops counting when the person turns 18)."""
    if not _may_decide(d, born, consent_age):
        return False
    if d.grantor is Grantor.PARENTAL_RESPONSIBILITY and born is not None:
        return age_on(born, today) < ADULT_AGE
    return True


def review_due(d: Decision, born: dt.date | None, today: dt.date, consent_age: int) -> bool:
    """A parent's consent for a child who has reached the consent age: the child may now decide
    for themself, so the lead practitioner should ask them (it counts until they are 18)."""
    return (
        d.grantor is Grantor.PARENTAL_RESPONSIBILITY
        and d.status is Status.GIVEN
        and born is not None
        and counts_today(d, born, today, consent_age)
        and age_on(born, today) >= consent_age
    )


def _covers(d: Decision, purpose: str, recipient: Recipient, category: str | None) -> bool:
    if purpose not in d.purposes:
        return False
    if not (
        (recipient.organisation_id is not None and recipient.organisation_id in d.organisations)
        or (recipient.sector is not None and recipient.sector in d.sectors)
    ):
        return False
    # A given consent covers a special category only by naming it; a refusal covers them all.
    return category is None or d.status is not Status.GIVEN or category in d.special_categories


def _start(d: Decision) -> dt.date:
    """The day (UTC, as the rule counts days) a decision takes effect: the day it was made, or
    the day it was recorded if that is earlier by the calendar of UTC (a decision made just after
    midnight in England, in summer, is recorded the evening before in UTC)."""
    return min(d.given_on, d.recorded_at.astimezone(dt.UTC).date())


def _moment(d: Decision) -> tuple[dt.date, dt.datetime]:
    """When the decision took effect: a withdrawal from when it was recorded."""
    if d.status is Status.WITHDRAWN:
        at = d.withdrawn_at or d.recorded_at
        return max(at.astimezone(dt.UTC).date(), _start(d)), at
    return _start(d), d.recorded_at


def effective(
    decisions: Iterable[Decision],
    *,
    born: dt.date | None,
    today: dt.date,
    consent_age: int,
    purpose: str,
    recipient: Recipient,
    category: str | None = None,
) -> Decision | None:
    """The given consent a disclosure to ``recipient`` for ``purpose`` (of ``category``, a special
    category, when given) rests on today, or None when the decision that counts is not a consent
    in force."""
    covering = [
        d
        for d in decisions
        if d.status is not Status.NOT_SOUGHT
        and _start(d) <= today
        and _covers(d, purpose, recipient, category)
        and counts_today(d, born, today, consent_age)
    ]
    if any(d.grantor is Grantor.SELF for d in covering):
        covering = [d for d in covering if d.grantor is not Grantor.PARENTAL_RESPONSIBILITY]
    if not covering:
        return None
    latest = max(covering, key=lambda d: (*_moment(d), d.id))
    if latest.status is not Status.GIVEN:
        return None
    if latest.expires_on is not None and latest.expires_on < today:
        return None
    return latest


def holds_until(decisions: Iterable[Decision], born: dt.date | None, today: dt.date) -> dt.date:
    """The last day on which answers computed today stay exact: the day before a consent expires
    (its last day passes), a decision dated later begins, or a child with a parent's decision on
    record turns 18 (it stops counting)."""
    changes: list[dt.date] = []
    parental = False
    for d in decisions:
        if _start(d) > today:
            changes.append(_start(d))
        if d.expires_on is not None and d.expires_on >= today:
            changes.append(d.expires_on + dt.timedelta(days=1))
        parental |= d.grantor is Grantor.PARENTAL_RESPONSIBILITY
    if parental and born is not None:
        adult = birthday(born, ADULT_AGE)
        if adult > today:
            changes.append(adult)
    return min(changes) - dt.timedelta(days=1) if changes else FOREVER


def same_decision(a: Decision, b: Decision) -> bool:
    """Whether two records state the same decision (recording it again is a conflict)."""
    return (
        a.status == b.status
        and a.purposes == b.purposes
        and a.organisations == b.organisations
        and a.sectors == b.sectors
        and a.special_categories == b.special_categories
        and a.grantor == b.grantor
        and (a.grantor_name or "").strip().casefold() == (b.grantor_name or "").strip().casefold()
        and a.given_on == b.given_on
        and a.expires_on == b.expires_on
    )


def overrides_child(
    draft: Decision, recorded: Iterable[Decision], born: dt.date | None, consent_age: int
) -> bool:
    """Whether a parent's decision would reach over a decision the child made themself: it is
    dated on or after one of the child's own, and shares a purpose and a recipient (an
    organisation or a sector) with it. (One dated before is superseded by the child's anyway.)"""
    if draft.grantor is not Grantor.PARENTAL_RESPONSIBILITY:
        return False
    for d in recorded:
        if d.grantor is not Grantor.SELF or not _may_decide(d, born, consent_age):
            continue
        if d.status is Status.NOT_SOUGHT or draft.given_on < d.given_on:
            continue
        if draft.purposes & d.purposes and (
            draft.organisations & d.organisations or draft.sectors & d.sectors
        ):
            return True
    return False
