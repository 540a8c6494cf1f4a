"""Deciding every family's status under one eligibility framework, and recording why: a job.

    summary = await assess(db, actor, Assessing(framework, as_at=date.today()))

Families are read a page at a time (``graph.family_status.facts``), decided with the pure rules
of ``domain.eligibility`` off the event loop, and each page's decisions recorded in one
transaction, so a large graph never builds one huge transaction. A reader between pages sees
some families with the new status and others with the one they had; recording a decision again is
harmless, so a run can be repeated at any time and decides afresh, and one that failed halfway
is completed by the next.
"""

from __future__ import annotations

import asyncio
import collections
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from domain.eligibility import (
    FamilyFacts,
    Framework,
    FrameworkError,
    Member,
    builtin_frameworks,
    load_frameworks,
)
from domain.eligibility import (
    assess as assess_family,
)
from graph import Database, Viewer, family_status

__all__ = [
    "BATCH",
    "Assessed",
    "Assessing",
    "Framework",
    "FrameworkError",
    "assess",
    "builtin_frameworks",
    "load_frameworks",
    "member_on",
]

BATCH = 2_000


@dataclass(frozen=True)
class Assessing:
    framework: Framework
    as_at: dt.date
    batch: int = BATCH


@dataclass(frozen=True)
class Assessed:
    framework: str
    version: str
    families: int
    by_status: dict[str, int]


async def assess(db: Database, actor: Viewer, input: Assessing) -> Assessed:
    """Every family's status under ``input.framework`` as at ``input.as_at``, recorded."""
    framework, as_at = input.framework, input.as_at
    counts: collections.Counter[str] = collections.Counter()
    after = ""
    assessed_at = dt.datetime.now(dt.UTC)
    while True:
        families = await db.read(family_status.facts, after, input.batch)
        if not families:
            break
        decisions = await asyncio.to_thread(_decide, framework, families, as_at)
        counts.update(d.status for d in decisions)
        await db.write(
            family_status.record, decisions, framework.id, framework.version, assessed_at
        )
        after = families[-1].reference
    return Assessed(framework.id, framework.version, sum(counts.values()), dict(counts))


def _decide(
    framework: Framework, families: Sequence[family_status.FamilyFacts], as_at: dt.date
) -> list[family_status.Decision]:
    decisions = []
    for f in families:
        facts = FamilyFacts(
            members=tuple(member_on(m, as_at) for m in f.members),
            indicators=f.indicators,
            closed=f.closed,
        )
        outcome = assess_family(framework, facts, as_at)
        decisions.append(family_status.Decision(f.id, outcome.status.value, tuple(outcome.reasons)))
    return decisions


def member_on(facts: family_status.MemberFacts, as_at: dt.date) -> Member:
    """The member as the assessment sees them on ``as_at``: expectant while any due date sent
    for them is that day or later (after it, the baby is born or the pregnancy has ended)."""
    expectant = any(due >= as_at for due in facts.due_dates)
    return Member(date_of_birth=facts.date_of_birth, expectant=expectant)
