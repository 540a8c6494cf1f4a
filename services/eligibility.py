"""Deciding every family's status under one eligibility framework, and keeping each run: a job.

    summary = await assess(db, actor, Assessing(framework, as_at=date.today()))
    preview = await assess(db, actor, Assessing(framework, as_at=date.today(), dry_run=True))

Families are read a page at a time (``graph.family_status.facts``), decided with the pure rules
of ``domain.eligibility`` off the event loop, and each page's decisions recorded in one
transaction, so a large graph never builds one huge transaction. A run is kept (who, when, the
framework version) with each family's decision in it and the evidence it rested on; a dry run
reads and decides the same way, writes nothing, and reports what would change. A reader between
pages sees some families with the new status and others with the one they had; a run can be
repeated at any time and decides afresh, and one that failed halfway is completed by the next.

The frameworks in force (the national ones and a council's own from ``EHG_FRAMEWORKS_DIR``) are
also the criterion catalogue: ``catalogue()`` is every indicator code a partner's list may name.
"""

from __future__ import annotations

import asyncio
import collections
import datetime as dt
import os
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from domain.eligibility import (
    CatalogueEntry,
    FamilyFacts,
    Framework,
    FrameworkError,
    Member,
    builtin_frameworks,
    criterion_catalogue,
    load_frameworks,
)
from domain.eligibility import (
    assess as assess_family,
)
from graph import Database, Viewer, family_status

__all__ = [
    "BATCH",
    "FRAMEWORKS_DIR",
    "Assessed",
    "Assessing",
    "CatalogueEntry",
    "Framework",
    "FrameworkError",
    "assess",
    "catalogue",
    "frameworks_in_force",
    "member_on",
]

BATCH = 2_000
FRAMEWORKS_DIR = "EHG_FRAMEWORKS_DIR"


def frameworks_in_force() -> tuple[Framework, ...]:
    """The national frameworks, and a council's own from ``EHG_FRAMEWORKS_DIR`` when set;
    raises ``FrameworkError`` (naming the file) when a council's file is wrong."""
    known = builtin_frameworks()
    directory = os.environ.get(FRAMEWORKS_DIR, "").strip()
    if directory:
        known += load_frameworks(Path(directory))
    return known


def catalogue() -> tuple[CatalogueEntry, ...]:
    """Every indicator code of the frameworks in force: what a partner's list may name."""
    return criterion_catalogue(frameworks_in_force())


@dataclass(frozen=True)
class Assessing:
    framework: Framework
    as_at: dt.date
    dry_run: bool = False
    batch: int = BATCH


@dataclass(frozen=True)
class Assessed:
    """What a run decided: counts by status, and by change (``(before, after)``, only for the
    families whose status changes). ``run_id`` is ``None`` for a dry run, which kept nothing."""

    framework: str
    version: str
    families: int
    by_status: dict[str, int]
    run_id: str | None = None
    dry_run: bool = False
    assessed_at: dt.datetime | None = None
    changes: dict[tuple[str, str], int] = field(default_factory=dict)


async def assess(db: Database, actor: Viewer, input: Assessing) -> Assessed:
    """Every family's status under ``input.framework`` as at ``input.as_at``, recorded with the
    run (or, for a dry run, only reported)."""
    framework, as_at = input.framework, input.as_at
    counts: collections.Counter[str] = collections.Counter()
    changes: collections.Counter[tuple[str, str]] = collections.Counter()
    run = family_status.Run(
        id=str(uuid.uuid4()),
        framework=framework.id,
        version=framework.version,
        as_at=as_at,
        started_at=dt.datetime.now(dt.UTC),
        by=actor.user_id,
        by_organisation=actor.organisation_id,
    )
    if not input.dry_run:
        await db.write(family_status.start_run, run)
    after = ""
    while True:
        families = await db.read(family_status.facts, after, input.batch)
        if not families:
            break
        decisions = await asyncio.to_thread(_decide, framework, families, as_at)
        counts.update(d.status for d in decisions)
        changes.update((d.previous, d.status) for d in decisions if d.previous != d.status)
        if not input.dry_run:
            await db.write(family_status.record, run.id, decisions)
        after = families[-1].reference
    if not input.dry_run:
        finished = dt.datetime.now(dt.UTC)
        await db.write(family_status.finish_run, run.id, finished, dict(counts), changes.total())
    return Assessed(
        framework=framework.id,
        version=framework.version,
        families=sum(counts.values()),
        by_status=dict(counts),
        run_id=None if input.dry_run else run.id,
        dry_run=input.dry_run,
        assessed_at=run.started_at,
        changes=dict(changes),
    )


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
        decisions.append(
            family_status.Decision(
                family_id=f.id,
                status=outcome.status.value,
                reasons=outcome.reasons,
                previous=f.status,
                headlines=outcome.headlines_met,
                # Counted evidence is always dated: undated evidence never counts.
                evidence=tuple(
                    (e.code, e.evidence_date) for e in outcome.evidence if e.evidence_date
                ),
            )
        )
    return decisions


def member_on(facts: family_status.MemberFacts, as_at: dt.date) -> Member:
    """The member as the assessment sees them on ``as_at``: expectant while any due date sent
    for them is that day or later (after it, the baby is born or the pregnancy has ended)."""
    expectant = any(due >= as_at for due in facts.due_dates)
    return Member(date_of_birth=facts.date_of_birth, expectant=expectant)
