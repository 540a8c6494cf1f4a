"""Recording each family's status as an eligibility framework decided it, why, and every run.

    (:Family {status, statusFramework, statusFrameworkVersion, statusReasons, statusAssessedAt})
    (:AssessmentRun {id, framework, frameworkVersion, asAt, startedAt, by, byOrganisation,
                     finishedAt, families, byStatus, changed})
    (:FamilyAssessment {key, runId, status, previousStatus, reasons, headlinesMet, evidenceCodes,
                        evidenceDates})-[:OF]->(:Family)   runId: the AssessmentRun's id

The facts an assessment reads (current members' dates of birth and the due dates partners sent
for them, the criterion codes partners reported about them with the latest evidence date of each,
whether the case is closed) come from here; the decision itself is domain.eligibility's, so a
council's own framework decides exactly like the national ones. Each run is kept: the family's
current status is its latest run's, and every run's decision about it stays readable.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from neo4j import AsyncManagedTransaction

from graph import records
from graph._cypher import Tx, fetch, fetch_collected

_FACTS = """
MATCH (f:Family)
WHERE f.reference > $after
WITH f ORDER BY f.reference LIMIT $limit
CALL (f) {
  OPTIONAL MATCH (f)<-[m:MEMBER_OF]-(p:Person) WHERE m.to IS NULL
  WITH collect(DISTINCT p) AS people
  // A comprehension keeps a member with no date of birth (as null); collect() would drop them.
  // Due dates come from the records about the person now: a correction that removed one has
  // left it only in a SourceRecordVersion, and a merge moved the absorbed person's records here.
  RETURN [p IN people | {born: p.dateOfBirth,
                         due: [(p)<-[:ABOUT]-(s:SourceRecord) WHERE s.expectedDueDate IS NOT NULL
                               | s.expectedDueDate]}] AS members,
         // The latest evidence of each code: evidence ages, and the newest report is the one
         // that can still count. As text, which Python reads many times faster than the
         // driver's dates (graph.records.day).
         COLLECT { UNWIND people AS p
                   MATCH (p)<-[:ABOUT]-(:SourceRecord)-[r:REPORTS]->(c:Criterion)
                   WITH c.code AS code, max(r.evidenceDate) AS latest
                   RETURN [code, toString(latest)] } AS indicators
}
RETURN collect({id: f.id, reference: f.reference, status: f.status,
                members: members, indicators: indicators}) AS families
"""

_START_RUN = """
CREATE (r:AssessmentRun {id: $id, framework: $framework, frameworkVersion: $version,
                         asAt: $asAt, startedAt: $at, by: $by, byOrganisation: $organisation})
"""

# A decision is keyed by its run and family (a unique constraint), so a retried page records it
# once; merging on the key rather than on the family's history costs the same however long the
# history grows, and the new node's relationship is merged from its side, where it has none. The
# run is found by its id (also unique) rather than by a relationship from each of its decisions.
_RECORD = """
MATCH (r:AssessmentRun {id: $runId})
UNWIND $rows AS row
MATCH (f:Family {id: row.id})
SET f.status = row.status, f.statusFramework = r.framework,
    f.statusFrameworkVersion = r.frameworkVersion, f.statusReasons = row.reasons,
    f.statusAssessedAt = r.startedAt
MERGE (a:FamilyAssessment {key: r.id + '|' + f.id})
SET a.runId = r.id, a.status = row.status, a.previousStatus = row.previous,
    a.reasons = row.reasons, a.headlinesMet = row.headlines, a.evidenceCodes = row.codes,
    a.evidenceDates = row.dates
MERGE (f)<-[:OF]-(a)
"""

_FINISH_RUN = """
MATCH (r:AssessmentRun {id: $id})
SET r.finishedAt = $at, r.families = $families, r.byStatus = $byStatus, r.changed = $changed
"""

# Newest first; a run's start orders it (ids are random).
_HISTORY = """
UNWIND $ids AS id
MATCH (f:Family {id: id})<-[:OF]-(a:FamilyAssessment)
MATCH (r:AssessmentRun {id: a.runId})
WITH id, a, r ORDER BY r.startedAt DESC, r.id
RETURN id, collect({a: a {.*}, r: r {.*}}) AS history
"""


@dataclass(frozen=True)
class MemberFacts:
    date_of_birth: dt.date | None
    # Expected due dates partners sent for this person (health data), past ones included.
    due_dates: tuple[dt.date, ...] = ()


@dataclass(frozen=True)
class FamilyFacts:
    id: str
    reference: str
    status: str
    members: tuple[MemberFacts, ...]  # its current members
    # Each code reported about a current member, with its latest evidence date (None: undated).
    indicators: dict[str, dt.date | None]

    @property
    def closed(self) -> bool:
        return self.status == "CLOSED"


@dataclass(frozen=True)
class Decision:
    """One family's decision in a run: the status, the one it replaces, why, and the evidence
    (indicator codes, each with its evidence date) it rested on."""

    family_id: str
    status: str
    reasons: tuple[str, ...]
    previous: str = ""
    headlines: tuple[str, ...] = ()
    evidence: tuple[tuple[str, dt.date], ...] = ()


@dataclass(frozen=True)
class Run:
    """Who ran an assessment, when, and under which framework version."""

    id: str
    framework: str
    version: str
    as_at: dt.date
    started_at: dt.datetime
    by: str
    by_organisation: str


@dataclass(frozen=True)
class PastDecision:
    """A family's decision in one run, as the history keeps it."""

    family_id: str
    run: Run
    status: str
    previous: str | None
    reasons: tuple[str, ...]
    headlines: tuple[str, ...]
    evidence: tuple[tuple[str, dt.date], ...]


async def facts(tx: Tx, after: str, limit: int) -> list[FamilyFacts]:
    """A batch of families in reference order, after ``after``, with what an assessment reads."""
    rows = await fetch_collected(tx, _FACTS, after=after, limit=limit)
    return [_facts(r) for r in rows]


def _facts(r: Any) -> FamilyFacts:
    return FamilyFacts(
        id=r["id"],
        reference=r["reference"],
        status=str(r["status"] or ""),
        members=tuple(
            MemberFacts(records.native(m["born"]), tuple(records.native(d) for d in m["due"]))
            for m in r["members"]
        ),
        indicators={str(code): records.day(latest) for code, latest in r["indicators"]},
    )


async def start_run(tx: AsyncManagedTransaction, run: Run) -> None:
    """Record that ``run`` began; its decisions follow page by page (``record``)."""
    await fetch(
        tx,
        _START_RUN,
        id=run.id,
        framework=run.framework,
        version=run.version,
        asAt=run.as_at,
        at=run.started_at,
        by=run.by,
        organisation=run.by_organisation,
    )


async def record(tx: AsyncManagedTransaction, run_id: str, decisions: Sequence[Decision]) -> None:
    """Set each family's status from its decision in ``run_id``, and keep the decision."""
    rows = [
        {
            "id": d.family_id,
            "status": d.status,
            "previous": d.previous or None,
            "reasons": list(d.reasons),
            "headlines": list(d.headlines),
            "codes": [code for code, _ in d.evidence],
            "dates": [day for _, day in d.evidence],
        }
        for d in decisions
    ]
    await fetch(tx, _RECORD, runId=run_id, rows=rows)


async def finish_run(
    tx: AsyncManagedTransaction,
    run_id: str,
    finished_at: dt.datetime,
    by_status: dict[str, int],
    changed: int,
) -> None:
    """Record the run's end and its counts (``byStatus`` as ``STATUS=n`` strings)."""
    await fetch(
        tx,
        _FINISH_RUN,
        id=run_id,
        at=finished_at,
        families=sum(by_status.values()),
        byStatus=[f"{status}={n}" for status, n in sorted(by_status.items())],
        changed=changed,
    )


async def history(tx: Tx, family_ids: Sequence[str]) -> list[PastDecision]:
    """Every run's decision about each of ``family_ids``, each family's newest first. The
    caller has already seen the families: the history is read only through them."""
    rows = await fetch(tx, _HISTORY, ids=list(family_ids))
    return [_past(r["id"], item["a"], item["r"]) for r in rows for item in r["history"]]


def _past(family_id: str, a: Any, r: Any) -> PastDecision:
    codes, dates = a.get("evidenceCodes") or [], a.get("evidenceDates") or []
    return PastDecision(
        family_id=family_id,
        run=Run(
            id=r["id"],
            framework=r["framework"],
            version=r["frameworkVersion"],
            as_at=records.native(r["asAt"]),
            started_at=records.native(r["startedAt"]),
            by=r["by"],
            by_organisation=r["byOrganisation"],
        ),
        status=a["status"],
        previous=a.get("previousStatus"),
        reasons=tuple(a.get("reasons") or ()),
        headlines=tuple(a.get("headlinesMet") or ()),
        evidence=tuple((str(c), records.native(d)) for c, d in zip(codes, dates, strict=True)),
    )
