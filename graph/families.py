"""Cypher for families: batch reads by id, their members, and the dashboard search."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, LiteralString

from graph import people, records
from graph._cypher import Tx, fetch, fetch_collected
from graph.consent_scope import summary_answer, weighs, weighs_family
from graph.visibility import FAMILIES_ON_TEAM, FAMILY_VISIBLE, Viewer

# A family's properties, its temporal ones as text (graph.records.day and .instant read both).
_FAMILY_FIELDS: LiteralString = (
    "f {.*, identifiedAt: toString(f.identifiedAt), statusAssessedAt: toString(f.statusAssessedAt)}"
)

# Every family read carries its current members' ids: the family's own fields concern them (for
# consent and the audit), and reading them here saves a statement per level of a query. With each
# id comes what the member's consent summary says of this request (graph.consent_scope).
_WITH_MEMBER_IDS = (
    """
RETURN collect({f: """
    + _FAMILY_FIELDS
    + """, members: [(f)<-[m:MEMBER_OF]-(p:Person) WHERE m.to IS NULL
                                      | [p.id, """
    + summary_answer("p")
    + """]]}) AS rows
"""
)

_BY_IDS = (
    "UNWIND $ids AS id MATCH (f:Family {id: id}) WHERE "
    + FAMILY_VISIBLE
    + " WITH f"
    + _WITH_MEMBER_IDS
)

# Members oldest first. Ordering by date of birth reads it, so a member whose consent does not
# cover the request comes after the others, by id: their place tells nothing of their age. (Only
# past members can be such: a family's members are withheld as a whole unless every current
# member's consent covers the request, which is why the details below order plainly.)
_BY_AGE = "CASE WHEN " + weighs("p") + " THEN p.dateOfBirth END, p.id"

_MEMBERS = (
    """
UNWIND $ids AS id
MATCH (f:Family {id: id})<-[m:MEMBER_OF]-(p:Person)
WHERE ($includePast OR m.to IS NULL) AND """
    + FAMILY_VISIBLE
    + """
WITH f, m, p ORDER BY f.id, """
    + _BY_AGE
    + """
RETURN collect({familyId: f.id, p: p {.*}, role: m.role, from: m.from, to: m.to}) AS rows
"""
)


# A family's whole current picture in one statement, for a client about to read members and what
# hangs off each: the alternative is one round trip per level (family, members, their facts).
_DETAILS = (
    """
UNWIND $ids AS id
MATCH (f:Family {id: id})
WHERE """
    + FAMILY_VISIBLE
    + """
CALL (f) {
  OPTIONAL MATCH (f)<-[m:MEMBER_OF]-(p:Person) WHERE m.to IS NULL
  CALL (p) {
    WITH p WHERE p IS NOT NULL
"""
    + people.FACTS_OF_P
    + """
    RETURN residences, links, criteria
  }
  WITH m, p, residences, links, criteria ORDER BY p.dateOfBirth, p.id
  RETURN collect({p: p {.*, dateOfBirth: toString(p.dateOfBirth)}, role: m.role,
                  from: toString(m.from), to: toString(m.to), residences: residences,
                  links: links, criteria: criteria, consent: """
    + summary_answer("p")
    + """}) AS members
}
RETURN collect({f: """
    + _FAMILY_FIELDS
    + """, members: members}) AS rows
"""
)


@dataclass(frozen=True)
class FamilyDetails:
    family: records.Family
    members: list[tuple[records.Membership, records.Person]]
    facts: list[records.PersonFacts]

    @property
    def id(self) -> str:
        return self.family.id


async def details(tx: Tx, ids: list[str], viewer: Viewer) -> list[FamilyDetails]:
    """Families with their current members and each member's facts."""
    found = []
    for r in await fetch_collected(tx, _DETAILS, ids=ids, **viewer.params()):
        members, facts, answers = [], [], []
        for x in r["members"]:
            person = records.person(x["p"])
            membership = records.Membership(
                person_id=person.id,
                family_id=r["f"]["id"],
                role=x["role"],
                from_=records.day(x["from"]),
                to=records.day(x["to"]),
            )
            members.append((membership, person))
            facts.append(people.person_facts(person.id, x))
            answers.append((person.id, x["consent"]))
        family = records.family(r["f"], answers)
        found.append(FamilyDetails(family, members, facts))
    return found


def _families(rows: list[Any]) -> list[records.Family]:
    return [records.family(r["f"], r["members"]) for r in rows]


async def by_ids(tx: Tx, ids: list[str], viewer: Viewer) -> list[records.Family]:
    return _families(await fetch_collected(tx, _BY_IDS, ids=ids, **viewer.params()))


async def members(
    tx: Tx, ids: list[str], include_past: bool, viewer: Viewer
) -> list[tuple[records.Membership, records.Person]]:
    rows = await fetch_collected(tx, _MEMBERS, ids=ids, includePast=include_past, **viewer.params())
    return [
        (
            records.Membership(
                person_id=r["p"]["id"],
                family_id=r["familyId"],
                role=r["role"],
                from_=records.native(r["from"]),
                to=records.native(r["to"]),
            ),
            records.person(r["p"]),
        )
        for r in rows
    ]


@dataclass(frozen=True)
class FamilyFilter:
    """Dashboard filters; None means "any"."""

    status: str | None = None
    criterion: str | None = None
    postcode_district: str | None = None


# A null parameter switches its predicate off; ordered by the unique reference so paging is a
# range scan of its index. A filter reads the data it matches on, so it only matches through
# people whose consent covers the request, when it rests on consent (graph.consent_scope.weighs).
_CONDITIONS = (
    """
($status IS NULL OR (f.status = $status AND """
    + weighs_family("f")
    + """))
  AND ($criterion IS NULL OR EXISTS {
        MATCH (f)<-[m:MEMBER_OF]-(fp:Person)<-[:ABOUT]-(:SourceRecord)
              -[:REPORTS]->(:Criterion {code: $criterion})
        WHERE m.to IS NULL AND """
    + weighs("fp")
    + """ })
  AND ($district IS NULL OR EXISTS {
        MATCH (f)<-[m:MEMBER_OF]-(fp:Person)-[l:LIVES_AT]->(:Address {postcodeDistrict: $district})
        WHERE m.to IS NULL AND l.to IS NULL AND """
    + weighs("fp")
    + """ })
"""
)

# For a caller who sees every family, paging is a range scan of the reference index and an
# unfiltered count reads the count store; anyone else's start from the families they see.
_PAGE = "WITH f ORDER BY f.reference LIMIT $limit" + _WITH_MEMBER_IDS
_SEARCH_ALL = "MATCH (f:Family) WHERE f.reference > $after AND" + _CONDITIONS + _PAGE
_SEARCH_ON_TEAM = FAMILIES_ON_TEAM + "WITH f WHERE f.reference > $after AND" + _CONDITIONS + _PAGE

_COUNT_ALL = "MATCH (f:Family) RETURN count(f) AS total"
_COUNT_ALL_FILTERED = "MATCH (f:Family) WHERE" + _CONDITIONS + "RETURN count(f) AS total"
_COUNT_ON_TEAM = FAMILIES_ON_TEAM + "WITH f WHERE" + _CONDITIONS + "RETURN count(f) AS total"


def _filter_params(f: FamilyFilter) -> dict[str, object]:
    return {"status": f.status, "criterion": f.criterion, "district": f.postcode_district}


async def search(
    tx: Tx, f: FamilyFilter, after: str | None, limit: int, viewer: Viewer
) -> list[records.Family]:
    """A page of families matching the filter, after the given reference (exclusive)."""
    query = _SEARCH_ALL if viewer.see_all else _SEARCH_ON_TEAM
    rows = await fetch_collected(
        tx, query, **_filter_params(f), after=after or "", limit=limit, **viewer.params()
    )
    return _families(rows)


async def count(tx: Tx, f: FamilyFilter, viewer: Viewer) -> int:
    if not viewer.see_all:
        query = _COUNT_ON_TEAM
    elif f == FamilyFilter():
        query = _COUNT_ALL
    else:
        query = _COUNT_ALL_FILTERED
    rows = await fetch(tx, query, **_filter_params(f), **viewer.params())
    return int(rows[0]["total"])
