"""The consent summary on each person (graph.consent_summary) against the agreement's rule written
again here, one decision at a time and independently of domain.consent: on random people and
decisions (refusals, withdrawals, expiry, parents, appropriate persons, dates before birth, people
of every age), for every purpose, organisation and sector asking, today and on later days, the
summary says what the rule says until the day it holds to, and covers nothing after it.
And a list that weighs people by their data (graph.consent_scope.weighs) lists exactly the people
the rule lets it.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
import uuid
from typing import Any

from graph import Database, Viewer, consent_summary, people
from graph.consent_scope import covered

PURPOSES = ("assess-needs", "coordinate-support", "monitor-outcomes")
# Organisations the decisions name, with their sectors in the graph; org-d is named by none.
ORGANISATIONS = {"cs-org-a": "health", "cs-org-b": "police", "cs-org-c": None, "cs-org-d": "health"}
TODAY = dt.datetime.now(dt.UTC).date()
CONSENT_AGE = 13


def _born(rng: random.Random) -> dt.date | None:
    age_days = rng.choice([None, 200, 365 * 10, 365 * 13 + 5, 365 * 15, 365 * 18 - 3, 365 * 40])
    return None if age_days is None else TODAY - dt.timedelta(days=age_days)


def _decision(rng: random.Random, n: int) -> dict[str, Any]:
    given = TODAY + dt.timedelta(days=rng.choice([-900, -400, -30, -2, -1, 0, 2]))
    expires = rng.choice([None, None, given + dt.timedelta(days=rng.choice([1, 2, 10, 500]))])
    status = rng.choice(["GIVEN", "GIVEN", "GIVEN", "WITHDRAWN", "REFUSED", "NOT_SOUGHT"])
    grantor = rng.choice(["SELF", "SELF", "PARENTAL_RESPONSIBILITY", "APPROPRIATE_PERSON"])
    recorded = dt.datetime.combine(given, dt.time(9), dt.UTC) + dt.timedelta(minutes=n)
    withdrawn = None
    if status == "WITHDRAWN":
        withdrawn = recorded + dt.timedelta(days=rng.choice([0, 1, 20]), hours=1)
        if withdrawn.date() > TODAY:
            withdrawn = dt.datetime.combine(TODAY, dt.time(0, 30), dt.UTC)
    return {
        "id": f"c-{n}",
        "status": status,
        "purposes": rng.sample(PURPOSES, rng.randint(1, 3)),
        "organisations": rng.sample(["cs-org-a", "cs-org-b", "cs-org-c"], rng.randint(0, 2)),
        "sectors": rng.sample(["health", "police", "education"], rng.randint(0, 2)),
        "grantorKind": grantor,
        "grantorName": rng.choice([None, "Someone"]) if grantor != "SELF" else None,
        "grantorReason": rng.choice([None, "lacks capacity"]) if grantor != "SELF" else None,
        "givenOn": given,
        "expiresOn": expires,
        "recordedAt": recorded,
        "withdrawnAt": withdrawn,
    }


async def _random_people(db: Database, seed: int, count: int) -> list[dict[str, Any]]:
    """People with random decisions, written directly and summarised: ``{id, born, consents}``."""
    rng = random.Random(seed)
    tag = uuid.uuid4().hex[:8]
    rows = [
        {
            "id": f"cs-{tag}-{i}",
            "born": _born(rng),
            "consents": [_decision(rng, i * 10 + k) for k in range(rng.randint(0, 4))],
        }
        for i in range(count)
    ]
    async with db.driver.session(database=db.name) as session:
        await (
            await session.run(
                """UNWIND $orgs AS o MERGE (org:Organisation {id: o.id}) SET org.sector = o.sector
                   WITH count(*) AS done
                   UNWIND $rows AS row
                   CREATE (p:Person {id: row.id, givenName: 'C', familyName: 'S',
                                     dateOfBirth: row.born})
                   WITH p, row UNWIND row.consents AS c
                   CREATE (n:Consent {id: p.id + c.id})-[:CONCERNS]->(p)
                   SET n += c, n.id = p.id + c.id""",
                rows=rows,
                orgs=[{"id": o, "sector": s} for o, s in ORGANISATIONS.items() if o != "cs-org-c"],
            )
        ).consume()
    await db.write(consent_summary.refresh, [row["id"] for row in rows], CONSENT_AGE)
    return rows


def _age(born: dt.date, day: dt.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _may_decide(c: dict[str, Any], born: dt.date | None, day: dt.date) -> bool:
    """Who may decide for the person, as the agreement and DESIGN.md put it."""
    given: dt.date = c["givenOn"]
    if born is not None and given < born:
        return False
    kind = c["grantorKind"]
    if kind == "SELF":
        if born is None:
            return c["status"] != "GIVEN"  # one's own refusal needs no proof of age
        return _age(born, given) >= CONSENT_AGE
    if not c["grantorName"] or born is None:
        return False
    if kind == "PARENTAL_RESPONSIBILITY":
        return _age(born, given) < 18 and _age(born, day) < 18
    return bool(c["grantorReason"]) and _age(born, given) >= 18


def _reference(
    consents: list[dict[str, Any]],
    born: dt.date | None,
    day: dt.date,
    purpose: str,
    organisation: str,
    sector: str | None,
) -> bool:
    """The latest decision covering the disclosure, among those whose grantor may decide (a
    parent's only where the child has made no covering decision of their own), is a consent in
    date."""
    covering = [
        c
        for c in consents
        if c["status"] != "NOT_SOUGHT"
        and c["givenOn"] <= day
        and purpose in c["purposes"]
        and (organisation in c["organisations"] or (sector is not None and sector in c["sectors"]))
        and _may_decide(c, born, day)
    ]
    if any(c["grantorKind"] == "SELF" for c in covering):
        covering = [c for c in covering if c["grantorKind"] != "PARENTAL_RESPONSIBILITY"]
    if not covering:
        return False

    def when(c: dict[str, Any]) -> tuple[dt.date, dt.datetime, str]:
        if c["status"] == "WITHDRAWN":
            at = c["withdrawnAt"]
            return max(at.date(), c["givenOn"]), at, c["id"]
        return c["givenOn"], c["recordedAt"], c["id"]

    latest = max(covering, key=when)
    return latest["status"] == "GIVEN" and (
        latest["expiresOn"] is None or latest["expiresOn"] >= day
    )


_ANSWERS = (
    "UNWIND $ids AS id MATCH (p:Person {id: id}) RETURN p.id AS id, "
    + covered("p")
    + " AS covered, p.consentUntil AS until"
)


async def test_the_summary_says_what_the_rule_says_until_it_lapses(db: Database) -> None:
    rows = await _random_people(db, seed=7, count=120)
    ids = [row["id"] for row in rows]
    of = {row["id"]: row for row in rows}
    checked = covered_ = 0
    async with db.driver.session(database=db.name) as session:
        for days, purpose, (organisation, sector) in itertools.product(
            (0, 1, 3, 45, 700), PURPOSES, ORGANISATIONS.items()
        ):
            viewer = Viewer("u", organisation, consent_purpose=purpose, organisation_sector=sector)
            day = TODAY + dt.timedelta(days=days)
            result = await session.run(_ANSWERS, ids=ids, **viewer.params(today=day))
            for answer in [r.data() async for r in result]:
                person = of[answer["id"]]
                case = (answer["id"], days, purpose, organisation, sector, person)
                until = answer["until"].to_native()
                assert until >= TODAY, case  # written today: it holds today
                if day > until:
                    assert answer["covered"] is False, case  # lapsed: covers nothing
                    continue
                expected = _reference(
                    person["consents"], person["born"], day, purpose, organisation, sector
                )
                assert answer["covered"] is expected, case
                checked += 1
                covered_ += expected
    assert checked > 1000
    assert 0 < covered_ < checked


async def test_a_person_never_summarised_is_covered_by_nothing(db: Database) -> None:
    [row] = await _random_people(db, seed=3, count=1)
    async with db.driver.session(database=db.name) as session:
        await (
            await session.run(
                "MATCH (p:Person {id: $id}) CREATE (c:Consent {id: $id + '-x', status: 'GIVEN',"
                " purposes: ['assess-needs'], sectors: ['health'], grantorKind: 'SELF',"
                " givenOn: date() - duration('P1D'), recordedAt: datetime()})-[:CONCERNS]->(p)"
                " REMOVE p.consentUntil",
                id=row["id"],
            )
        ).consume()
        viewer = Viewer("u", "x", consent_purpose="assess-needs", organisation_sector="health")
        answer = await (await session.run(_ANSWERS, ids=[row["id"]], **viewer.params())).single()
    assert answer is not None
    assert answer["covered"] is False


async def test_a_name_ordered_list_weighs_exactly_the_people_the_rule_lets_it(
    db: Database,
) -> None:
    rows = await _random_people(db, seed=11, count=80)
    ids = [row["id"] for row in rows]
    tag = ids[0].rsplit("-", 1)[0]  # "cs-<tag>", shared by these people only
    async with db.driver.session(database=db.name) as session:
        await (
            await session.run(
                "UNWIND $ids AS id MATCH (p:Person {id: id}) SET p.nameKey = 'c s ' + id", ids=ids
            )
        ).consume()
    only_these = people.PersonFilter(name=tag)
    for purpose, (organisation, sector) in itertools.product(PURPOSES, ORGANISATIONS.items()):
        viewer = Viewer(
            "u", organisation, see_all=True, consent_purpose=purpose, organisation_sector=sector
        )
        expected = {
            row["id"]
            for row in rows
            if _reference(row["consents"], row["born"], TODAY, purpose, organisation, sector)
        }
        listed = await db.read(people.search, only_these, None, len(ids) + 1, viewer)
        case = (purpose, organisation, sector)
        assert {person.id for person, _ in listed} == expected, case
        assert await db.read(people.count, only_these, viewer) == len(expected), case
    unweighed = Viewer("u", "cs-org-a", see_all=True)  # a request resting on no consent
    assert len(await db.read(people.search, only_these, None, len(ids) + 1, unweighed)) == len(ids)


async def test_lapsed_summaries_are_summarised_afresh(db: Database) -> None:
    [row] = await _random_people(db, seed=5, count=1)
    yesterday = TODAY - dt.timedelta(days=1)
    async with db.driver.session(database=db.name) as session:
        await (
            await session.run(
                "MATCH (p:Person {id: $id}) SET p.consentUntil = $yesterday",
                id=row["id"],
                yesterday=yesterday,
            )
        ).consume()
    assert await consent_summary.refresh_lapsed(db, CONSENT_AGE) >= 1
    async with db.driver.session(database=db.name) as session:
        until = await (
            await session.run("MATCH (p:Person {id: $id}) RETURN p.consentUntil AS d", id=row["id"])
        ).single()
    assert until is not None
    assert until["d"].to_native() >= TODAY
