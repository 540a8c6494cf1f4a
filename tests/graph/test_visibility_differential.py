"""The visibility pushed into Cypher agrees with a slow per-row reference check, on random data.

The reference reads everything with no predicate at all and applies the rule of
graph/visibility.py row by row in Python (teams, a partner system's organisation, records an
organisation supplied, break-glass grants live and expired); every repository that filters rows
must return exactly the rows the reference allows, and every link between people the caller sees,
for many random callers. (Consent has its own: tests/graph/test_consent_summary.py.)
"""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest_asyncio

from devtools.synthetic.demo import generate, load
from graph import Database, Viewer, families, people

SEED = 31


@dataclass
class World:
    families: set[str]
    people: set[str]
    memberships: list[tuple[str, str]]  # (person, family)
    teams: list[tuple[str, str, bool]]  # (user, family, active)
    works_for: dict[str, str]  # user -> organisation
    reported_by: set[tuple[str, str]]  # (person, organisation)
    statuses: dict[str, str]  # family -> status
    grants: list[tuple[str, str, bool]]  # break-glass: (user, family, unexpired)
    relations: list[tuple[str, str, str]]  # (link id, from person, to person)


async def _rows(db: Database, query: str) -> list[dict[str, object]]:
    async with db.driver.session(database=db.name) as session:
        result = await session.run(query)
        return [record.data() async for record in result]


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def world(db: Database) -> AsyncIterator[World]:
    dataset = generate(250, seed=SEED)
    await load(db, dataset)
    family_ids = [f["id"] for f in dataset.families]
    user_ids = [u["id"] for u in dataset.users]
    rng = random.Random(SEED)
    teams = [(rng.choice(user_ids), rng.choice(family_ids), rng.random() < 0.7) for _ in range(60)]
    async with db.driver.session(database=db.name) as session:
        await (
            await session.run(
                """UNWIND $rows AS row
                   MATCH (u:User {id: row[0]}), (f:Family {id: row[1]})
                   CREATE (u)-[t:MEMBER_OF_TEAM {from: date('2026-01-01'), lead: false,
                                                 differential: true}]->(f)
                   SET t.to = CASE WHEN row[2] THEN null ELSE date('2026-06-01') END""",
                rows=[list(t) for t in teams],
            )
        ).consume()
        # Break-glass grants, some expired: a grant is the user's own, never their organisation's.
        grants = [
            (rng.choice(user_ids), rng.choice(family_ids), rng.random() < 0.6) for _ in range(20)
        ]
        await (
            await session.run(
                """UNWIND range(0, size($rows) - 1) AS i WITH i, $rows[i] AS row
                   MATCH (f:Family {id: row[1]})
                   CREATE (:BreakGlass {id: 'differential-' + i, userId: row[0], familyId: row[1],
                                        differential: true, grantedAt: datetime() - duration('P2D'),
                                        expiresAt: CASE WHEN row[2]
                                          THEN datetime() + duration('P1D')
                                          ELSE datetime() - duration('P1D') END})-[:FOR]->(f)""",
                rows=[list(g) for g in grants],
            )
        ).consume()
    # The whole database, as the reference sees it (other tests' data included).
    everyone = await _rows(db, "MATCH (p:Person) RETURN p.id AS id")
    all_families = await _rows(db, "MATCH (f:Family) RETURN f.id AS id, f.status AS status")
    members = await _rows(
        db, "MATCH (p:Person)-[:MEMBER_OF]->(f:Family) RETURN p.id AS p, f.id AS f"
    )
    on_teams = await _rows(
        db,
        """MATCH (u:User)-[t:MEMBER_OF_TEAM]->(f:Family)
           RETURN u.id AS u, f.id AS f, t.to IS NULL AS active""",
    )
    employers = await _rows(
        db, "MATCH (u:User)-[:WORKS_FOR]->(o:Organisation) RETURN u.id AS u, o.id AS o"
    )
    granted = await _rows(
        db,
        """MATCH (b:BreakGlass)-[:FOR]->(f:Family)
           RETURN b.userId AS u, f.id AS f, b.expiresAt > datetime() AS live""",
    )
    related = await _rows(
        db, "MATCH (a:Person)-[r:RELATED_TO]->(b:Person) RETURN r.id AS r, a.id AS a, b.id AS b"
    )
    reports = await _rows(
        db,
        """MATCH (p:Person)<-[:ABOUT]-(:SourceRecord)-[:SUPPLIED_BY]->(o:Organisation)
           RETURN p.id AS p, o.id AS o""",
    )
    yield World(
        families={str(r["id"]) for r in all_families},
        people={str(r["id"]) for r in everyone},
        memberships=[(str(r["p"]), str(r["f"])) for r in members],
        teams=[(str(r["u"]), str(r["f"]), bool(r["active"])) for r in on_teams],
        works_for={str(r["u"]): str(r["o"]) for r in employers},
        reported_by={(str(r["p"]), str(r["o"])) for r in reports},
        statuses={str(r["id"]): str(r["status"]) for r in all_families},
        grants=[(str(r["u"]), str(r["f"]), bool(r["live"])) for r in granted],
        relations=[(str(r["r"]), str(r["a"]), str(r["b"])) for r in related],
    )
    async with db.driver.session(database=db.name) as session:
        await (
            await session.run("MATCH ()-[t:MEMBER_OF_TEAM {differential: true}]->() DELETE t")
        ).consume()
        await (
            await session.run("MATCH (b:BreakGlass {differential: true}) DETACH DELETE b")
        ).consume()


def _reference(world: World, viewer: Viewer) -> tuple[set[str], set[str]]:
    if viewer.see_all:
        return set(world.families), set(world.people)
    if not viewer.via_relation:
        return set(), set()
    families_seen = {
        family
        for user, family, active in world.teams
        if active
        and (
            user == viewer.user_id
            or (viewer.via_organisation and world.works_for.get(user) == viewer.organisation_id)
        )
    } | {family for user, family, live in world.grants if live and user == viewer.user_id}
    people_seen = {p for p, f in world.memberships if f in families_seen} | {
        p for p, o in world.reported_by if o == viewer.organisation_id
    }
    return families_seen, people_seen


def _viewers(world: World) -> list[Viewer]:
    rng = random.Random(SEED + 1)
    users = sorted({u for u, _, _ in world.teams} | {u for u, _, _ in world.grants})
    viewers = [
        Viewer("nobody", "no-organisation", via_relation=True),
        Viewer("x", "y", see_all=True),
    ]
    for n in range(16):
        user = rng.choice(users)
        viewers.append(
            Viewer(
                user,
                world.works_for.get(user, "none"),
                via_organisation=rng.random() < 0.5,
                via_relation=n % 4 != 0,  # a role with no row rule for the purpose sees nothing
            )
        )
    return viewers


async def test_pushed_down_visibility_matches_the_reference(db: Database, world: World) -> None:
    all_people, all_families = sorted(world.people), sorted(world.families)
    through_grants = 0
    for viewer in _viewers(world):
        expected_families, expected_people = _reference(world, viewer)
        through_grants += viewer.via_relation and any(
            live and user == viewer.user_id for user, _, live in world.grants
        )
        got_people = {p.id for p in await db.read(people.by_ids, all_people, viewer)}
        got_families = {f.id for f in await db.read(families.by_ids, all_families, viewer)}
        assert got_people == expected_people, viewer
        assert got_families == expected_families, viewer
        assert await db.read(people.count, people.PersonFilter(), viewer) == len(expected_people)
        assert await db.read(families.count, families.FamilyFilter(), viewer) == len(
            expected_families
        )
        listed = await db.read(families.search, families.FamilyFilter(), None, 10_000, viewer)
        assert {f.id for f in listed} == expected_families
        for status in sorted(set(world.statuses.values())):
            only = families.FamilyFilter(status=status)
            expected = {f for f in expected_families if world.statuses[f] == status}
            listed = await db.read(families.search, only, None, 10_000, viewer)
            assert {f.id for f in listed} == expected, (viewer, status)
            assert await db.read(families.count, only, viewer) == len(expected), (viewer, status)
        members = await db.read(families.members, all_families, True, viewer)
        assert {m.family_id for m, _ in members} <= expected_families
        facts = await db.read(people.facts, sorted(expected_people), viewer)
        for fact in facts:
            # Every link to someone the caller sees, and none to anyone else.
            expected_links = {
                link
                for link, a, b in world.relations
                if (a == fact.person_id and b in expected_people)
                or (b == fact.person_id and a in expected_people)
            }
            assert {link.id for link in fact.links} == expected_links, (viewer, fact.person_id)
    assert through_grants > 0  # some callers see families through a break-glass grant
