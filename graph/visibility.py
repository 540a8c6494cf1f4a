"""Row visibility, as Cypher predicates every read includes: who may see which people and families.

A caller sees a family when their role's policy grants every family for the declared purpose,
through an active membership of the family's team (a partner system: through any active member
from its organisation), or through their unexpired break-glass grant for it (graph.break_glass).
They see a person who is (or was) a member of a family they see, or about whom their organisation
supplied a record. Anything else is absent: it reads exactly like a
record that does not exist.

A role the policy grants neither every family nor rows through relations for the purpose sees
none. The predicates are literals with parameters (``$seeAll``, ``$viaRelation``, ``$userId``,
``$organisationId``, ``$viaOrganisation``), so they are pushed into each statement and the
planner still starts from the indexed lookup of the statement they are part of.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, LiteralString

from graph import consent_summary
from graph.errors import GraphUnavailable


@dataclass(frozen=True)
class Viewer:
    """Whose rows: fixed for a request."""

    user_id: str
    organisation_id: str
    see_all: bool = False
    via_organisation: bool = False  # partner systems act for their organisation's team members
    # Whether the caller sees rows through their relations at all (policy's "see_related");
    # off unless granted, so a role with no row rule sees nothing even when placed on a team.
    via_relation: bool = False
    # The purpose whose consent the request's disclosures rest on (graph.consent_scope), or None
    # when they rest on another basis.
    consent_purpose: str | None = None
    # The sector of the viewer's organisation, for consents scoped by sector; None when unknown,
    # which matches no sector.
    organisation_sector: str | None = None
    # The sector could not be read (Neo4j unreachable): no statement runs for this viewer, so a
    # consent decision is never made without it (graph.consent_scope).
    sector_unavailable: bool = False

    def params(self, today: dt.date | None = None) -> dict[str, Any]:
        """The statement parameters of this viewer, as of ``today`` (by default the UTC date:
        the server's date() is UTC too)."""
        if self.sector_unavailable:
            raise GraphUnavailable("the viewer organisation's sector could not be read")
        purpose = self.consent_purpose
        now = dt.datetime.now(dt.UTC)
        sector = self.organisation_sector
        return {
            "seeAll": self.see_all,
            "userId": self.user_id,
            "organisationId": self.organisation_id,
            "viaOrganisation": self.via_organisation,
            "viaRelation": self.via_relation,
            "consentPurpose": purpose,
            "organisationSector": sector,
            # Where a person's consent summary keeps the answer for this request's recipient
            # (graph.consent_summary); null when it rests on no consent.
            "consentOrganisationKey": (
                consent_summary.organisation_key(purpose, self.organisation_id) if purpose else None
            ),
            "consentSectorKey": (
                consent_summary.sector_key(purpose, sector) if purpose and sector else None
            ),
            "today": today or now.date(),
            "now": now,
        }


def _on_team(f: LiteralString) -> LiteralString:
    # Active team membership of the family bound to `f`, for the viewer or, for a partner system,
    # for any user of its organisation; or the viewer's unexpired break-glass grant for it.
    # Inner names start with `vis_` so they never capture a variable of the enclosing statement.
    return (
        "(EXISTS { MATCH (" + f + ")<-[vis_t:MEMBER_OF_TEAM]-(vis_u:User) WHERE vis_t.to IS NULL"
        " AND (vis_u.id = $userId OR ($viaOrganisation"
        " AND coalesce(vis_u.status, 'APPROVED') = 'APPROVED' AND EXISTS {"
        " MATCH (vis_u)-[:WORKS_FOR]->(:Organisation {id: $organisationId}) }))}"
        " OR EXISTS { MATCH (" + f + ")<-[:FOR]-(vis_b:BreakGlass {userId: $userId})"
        " WHERE vis_b.expiresAt > datetime() })"
    )


def family_visible(f: LiteralString) -> LiteralString:
    """Whether the family bound to variable ``f`` is visible (call with a literal name)."""
    return "($seeAll OR ($viaRelation AND " + _on_team(f) + "))"


def person_visible(p: LiteralString) -> LiteralString:
    """Whether the person bound to variable ``p`` is visible (call with a literal name)."""
    return (
        "($seeAll OR ($viaRelation AND (EXISTS { MATCH ("
        + p
        + ")-[:MEMBER_OF]->(vis_f:Family) WHERE "
        + _on_team("vis_f")
        + " } OR EXISTS { MATCH ("
        + p
        + ")<-[:ABOUT]-(:SourceRecord)-[:SUPPLIED_BY]->(:Organisation {id: $organisationId}) })))"
    )


FAMILY_VISIBLE: LiteralString = family_visible("f")

# The families a caller without a wide scope sees, bound to `f` and found from the caller's side
# (their team memberships, their organisation's for a partner system, their grants), so a list or
# count costs what the caller can see, not what the database holds. Equivalent to FAMILY_VISIBLE
# with $seeAll false (tests/graph/test_visibility_differential.py checks both against a reference).
FAMILIES_ON_TEAM: LiteralString = """
CALL () {
  MATCH (:User {id: $userId})-[t:MEMBER_OF_TEAM]->(f:Family)
  WHERE $viaRelation AND t.to IS NULL RETURN f
  UNION
  MATCH (:Organisation {id: $organisationId})<-[:WORKS_FOR]-(u:User)-[t:MEMBER_OF_TEAM]->(f:Family)
  WHERE $viaRelation AND $viaOrganisation AND t.to IS NULL
    AND coalesce(u.status, 'APPROVED') = 'APPROVED'
  RETURN f
  UNION
  MATCH (b:BreakGlass {userId: $userId})-[:FOR]->(f:Family)
  WHERE $viaRelation AND b.expiresAt > datetime()
  RETURN f
}
"""
PERSON_VISIBLE: LiteralString = person_visible("p")
