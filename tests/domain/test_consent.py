"""The rule of domain/consent.py by hand, for the cases the decision table does not lay out."""

from __future__ import annotations

import datetime as dt

from domain import consent as rule

RECIPIENT = rule.Recipient("org-a", "health")


def _decision(status: str, given_on: dt.date, recorded_at: dt.datetime, n: int) -> rule.Decision:
    return rule.Decision(
        id=f"d{n}",
        status=rule.Status(status),
        purposes=frozenset({"assess-needs"}),
        organisations=frozenset(),
        sectors=frozenset({"health"}),
        grantor=rule.Grantor.SELF,
        given_on=given_on,
        recorded_at=recorded_at,
    )


def test_a_refusal_made_just_after_midnight_in_summer_counts_from_when_it_was_recorded() -> None:
    # 00:30 in England on 2 July is 23:30 UTC on 1 July: the refusal's `givenOn` is the 2nd, but
    # it must end the consent at once, on the 1st by the calendar the rule counts days in.
    given = _decision("GIVEN", dt.date(2026, 1, 5), dt.datetime(2026, 1, 5, 10, tzinfo=dt.UTC), 1)
    refused = _decision(
        "REFUSED", dt.date(2026, 7, 2), dt.datetime(2026, 7, 1, 23, 30, tzinfo=dt.UTC), 2
    )
    found = rule.effective(
        [given, refused],
        born=dt.date(1980, 1, 1),
        today=dt.date(2026, 7, 1),
        consent_age=13,
        purpose="assess-needs",
        recipient=RECIPIENT,
    )
    assert found is None


def test_a_consent_dated_later_counts_from_its_day() -> None:
    later = _decision("GIVEN", dt.date(2026, 7, 10), dt.datetime(2026, 7, 10, 9, tzinfo=dt.UTC), 1)
    for today, expected in ((dt.date(2026, 7, 9), None), (dt.date(2026, 7, 10), later)):
        found = rule.effective(
            [later],
            born=dt.date(1980, 1, 1),
            today=today,
            consent_age=13,
            purpose="assess-needs",
            recipient=RECIPIENT,
        )
        assert found == expected
