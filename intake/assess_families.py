"""Deciding every family's status under one eligibility framework, and recording why.

    summary = await assess_families(db, framework, as_at=date.today())

Families are read and recorded in batches (each batch one transaction), so a large graph never
builds one huge transaction; a run can be repeated at any time and decides afresh.
"""

from __future__ import annotations

import collections
import datetime as dt
from dataclasses import dataclass

from graph import Database, family_status
from intake.eligibility import FamilyFacts, Framework, Member, assess

BATCH = 2_000


@dataclass(frozen=True)
class Assessed:
    framework: str
    version: str
    families: int
    by_status: dict[str, int]


async def assess_families(
    db: Database, framework: Framework, *, as_at: dt.date, batch: int = BATCH
) -> Assessed:
    counts: collections.Counter[str] = collections.Counter()
    after = ""
    assessed_at = dt.datetime.now(dt.UTC)
    while True:
        families = await db.read(family_status.facts, after, batch)
        if not families:
            break
        decisions = []
        for f in families:
            facts = FamilyFacts(
                members=tuple(member_on(m, as_at) for m in f.members),
                indicators=f.indicators,
                closed=f.closed,
            )
            outcome = assess(framework, facts, as_at)
            counts[outcome.status.value] += 1
            decisions.append(
                family_status.Decision(f.id, outcome.status.value, tuple(outcome.reasons))
            )
        await db.write(
            family_status.record, decisions, framework.id, framework.version, assessed_at
        )
        after = families[-1].reference
    return Assessed(framework.id, framework.version, sum(counts.values()), dict(counts))


def member_on(facts: family_status.MemberFacts, as_at: dt.date) -> Member:
    """The member as the assessment sees them on ``as_at``: expectant while any due date sent
    for them is that day or later (after it, the baby is born or the pregnancy has ended)."""
    expectant = any(due >= as_at for due in facts.due_dates)
    return Member(date_of_birth=facts.date_of_birth, expectant=expectant)
