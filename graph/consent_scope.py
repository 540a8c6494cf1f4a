"""What a disclosure about a person rests on, when the request relies on consent (steps 3 to 5):
the consent that counts for the viewer's organisation and purpose (``domain.consent``, read from
the person's summary, graph.consent_summary), or else a decision to share without consent that
covers the person (graph.sharing_decisions), in force now, for the purpose and the viewer's
organisation or its sector.

Answers are references: ``c:<consent id>`` or ``d:<decision id>``, recorded with each disclosure
(audit.recording); null means nothing covers the disclosure. A withdrawal or refusal rewrites the
summary in its own transaction, so it takes effect on the next statement that runs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, LiteralString

from domain import consent as rule
from graph import records
from graph._cypher import Tx, fetch
from graph.consent_summary import DECISIONS_OF_P, decision_of
from graph.visibility import Viewer


def _decision(p: LiteralString) -> LiteralString:
    # A decision to share without consent covering the person bound to `p`, in force for this
    # request; its reference, or null. Few people have one, and only those the consent does not
    # cover and some decision has ever covered (marked on them) are looked at: walking every
    # uncovered member's relationships cost a families page a fifth of its consent check.
    return (
        "CASE WHEN " + p + ".sharedWithoutConsent THEN "
        "[(" + p + ")<-[:COVERS]-(cs_d:SharingDecision) WHERE cs_d.inForce"
        " AND cs_d.expiresAt > $now AND $consentPurpose IN cs_d.purposes"
        " AND ($organisationId IN cs_d.organisations OR $organisationSector IN cs_d.sectors"
        " OR $userId IN coalesce(cs_d.users, []))"
        " | 'd:' + cs_d.id][0] END"
    )


def answer(p: LiteralString) -> LiteralString:
    """What a disclosure about the person bound to ``p`` rests on (call with a literal name): the
    reference of the consent the summary names for the viewer's organisation (else its sector)
    while the summary holds, else of a decision covering them; null when nothing does. The summary
    value is read once, bound as cs_v: each read of a property named by a parameter walks the
    person's properties again."""
    return (
        "[cs_v IN [CASE WHEN "
        + p
        + ".consentUntil >= $today THEN coalesce("
        + p
        + "[$consentOrganisationKey], "
        + p
        + "[$consentSectorKey]) END]"
        " | CASE WHEN cs_v STARTS WITH 'c:' THEN cs_v ELSE " + _decision(p) + " END][0]"
    )


def summary_answer(p: LiteralString) -> LiteralString:
    """:func:`answer` when the request rests on consent, else null (nothing is asked)."""
    return "CASE WHEN $consentPurpose IS NOT NULL THEN " + answer(p) + " END"


def covered(p: LiteralString) -> LiteralString:
    """Whether something covers a disclosure about the person bound to ``p``."""
    return "(" + answer(p) + " IS NOT NULL)"


def weighs(p: LiteralString) -> LiteralString:
    """Whether a list may order or filter the person bound to ``p`` by their data (call with a
    literal name): doing so reads it, so when the request rests on consent, only people whose
    disclosure something covers are weighed, and the others are left out of such a list."""
    return "($consentPurpose IS NULL OR " + covered(p) + ")"


def weighs_family(f: LiteralString) -> LiteralString:
    """As :func:`weighs`, for a family's own data (its status): served when it may be disclosed
    about at least one current member (README, "A family's own fields"), so weighed then."""
    return (
        "($consentPurpose IS NULL OR EXISTS { MATCH ("
        + f
        + ")<-[cw_m:MEMBER_OF]-(cw_p:Person) WHERE cw_m.to IS NULL AND "
        + covered("cw_p")
        + " })"
    )


# Start from each person (a unique lookup), not from every consent in the database.
_ANSWERS: LiteralString = (
    "UNWIND $ids AS id MATCH (p:Person {id: id}) RETURN collect([p.id, "
    + answer("p")
    + "]) AS answers"
)


async def answers(tx: Tx, ids: list[str], viewer: Viewer) -> dict[str, str | None]:
    """What a disclosure about each of ``ids`` rests on, for the viewer's request."""
    rows = await fetch(tx, _ANSWERS, ids=ids, **viewer.params())
    found: dict[str, str | None] = {str(i): a for i, a in rows[0]["answers"]} if rows else {}
    return {i: found.get(i) for i in ids}


# For special category and criminal offence data: each person's decisions and the decisions to
# share without consent that cover them for this request and name a condition.
_SPECIAL = (
    DECISIONS_OF_P
    + """,
  COLLECT { MATCH (p)<-[:COVERS]-(d:SharingDecision)
            WHERE d.inForce AND d.expiresAt > $now AND d.condition IS NOT NULL
              AND $consentPurpose IN d.purposes
              AND ($organisationId IN d.organisations OR $organisationSector IN d.sectors
                   OR $userId IN coalesce(d.users, []))
            RETURN [d.id, d.condition] } AS decisions
"""
)


@dataclass(frozen=True)
class SpecialStanding:
    """What one person's special category data may rest on, for one request."""

    decisions: tuple[rule.Decision, ...]
    born: dt.date | None
    conditions: tuple[tuple[str, str], ...]  # (decision id, condition code) in force

    def relied_on(
        self,
        category: str,
        viewer: Viewer,
        consent_age: int,
        covers: Mapping[str, frozenset[str]],
        today: dt.date | None = None,
    ) -> str | None:
        """The reference a disclosure of ``category`` rests on: explicit consent (a consent that
        counts and names the category), else a decision naming a condition that covers it."""
        assert viewer.consent_purpose is not None
        found = rule.effective(
            self.decisions,
            born=self.born,
            today=today or dt.datetime.now(dt.UTC).date(),
            consent_age=consent_age,
            purpose=viewer.consent_purpose,
            recipient=rule.Recipient(viewer.organisation_id, viewer.organisation_sector),
            category=category,
        )
        if found is not None:
            return "c:" + found.id
        for decision_id, condition in self.conditions:
            if category in covers.get(condition, frozenset()):
                return "d:" + decision_id
        return None


async def special_standing(tx: Tx, ids: list[str], viewer: Viewer) -> dict[str, SpecialStanding]:
    """Each person's decisions, for special category checks of the viewer's request."""
    found: dict[str, SpecialStanding] = {}
    params: dict[str, Any] = {"ids": ids, **viewer.params()}
    for r in await fetch(tx, _SPECIAL, **params):
        found[str(r["id"])] = SpecialStanding(
            decisions=tuple(decision_of(c) for c in r["consents"]),
            born=records.day(r["born"]),
            conditions=tuple((str(i), str(c)) for i, c in r["decisions"]),
        )
    return found
