"""The consent summary on each person (graph.consent_summary) against the Consent nodes it
summarises and against the rule checked one consent at a time in Python: on random consents, for
every purpose, organisation and sector asking, today and on later days, the summary says what the
full check says, or says nothing (and the full check runs).
And a list that weighs people by their data (graph.consent_scope.weighs) lists exactly the people
the full check lets it.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
import re
import uuid
from typing import Any

from graph import Database, Viewer, consent_summary, people
from graph.consent_scope import covered, covers, summary_answer
from policy.vocabulary import Sector

PURPOSES = ("assess-needs", "coordinate-support", "monitor-outcomes")
ORGANISATIONS = ("org-a", "org-b", "org-c")
SECTORS = ("health", "police", None)  # None: an organisation of no known sector
TODAY = dt.datetime.now(dt.UTC).date()


def _consent(rng: random.Random, n: int) -> dict[str, Any]:
    given = TODAY + dt.timedelta(days=rng.choice([-400, -30, -1, 0, 1, 3, 20]))
    expires = rng.choice([None, None, given + dt.timedelta(days=rng.choice([1, 2, 10, 60, 500]))])
    return {
        "id": f"c-{n}",
        "status": rng.choice(["GIVEN", "GIVEN", "GIVEN", "WITHDRAWN", "REFUSED"]),
        "purposes": rng.sample(PURPOSES, rng.randint(1, 3)),
        "organisations": rng.sample(ORGANISATIONS, rng.randint(0, 2)),
        "sectors": rng.sample(["health", "police", "education"], rng.randint(0, 2)),
        "givenOn": given,
        "expiresOn": expires,
    }


async def _people_with_random_consents(db: Database, seed: int, count: int) -> list[str]:
    return [row["id"] for row in await _random_people(db, seed, count)]


async def _random_people(db: Database, seed: int, count: int) -> list[dict[str, Any]]:
    """People with random consents, written directly and summarised: each ``{id, consents}``."""
    rng = random.Random(seed)
    tag = uuid.uuid4().hex[:8]
    rows = [
        {
            "id": f"cs-{tag}-{i}",
            "consents": [_consent(rng, i * 10 + k) for k in range(rng.randint(0, 3))],
        }
        for i in range(count)
    ]
    async with db.driver.session(database=db.name) as session:
        await (
            await session.run(
                """UNWIND $rows AS row
                   CREATE (p:Person {id: row.id, givenName: 'C', familyName: 'S'})
                   WITH p, row UNWIND row.consents AS c
                   CREATE (:Consent {id: p.id + c.id, status: c.status, purposes: c.purposes,
                     organisations: c.organisations, sectors: c.sectors, givenOn: c.givenOn,
                     expiresOn: c.expiresOn})-[:CONCERNS]->(p)""",
                rows=rows,
            )
        ).consume()
    await db.write(consent_summary.refresh, [row["id"] for row in rows])
    return rows


def _reference(
    consents: list[dict[str, Any]],
    day: dt.date,
    purpose: str,
    organisation: str,
    sector: str | None,
) -> bool:
    """The agreement's rule, one consent at a time in Python: given, for the purpose, begun and
    not expired on the day, naming the organisation or its sector."""
    return any(
        c["status"] == "GIVEN"
        and purpose in c["purposes"]
        and c["givenOn"] <= day
        and (c["expiresOn"] is None or c["expiresOn"] >= day)
        and (organisation in c["organisations"] or (sector is not None and sector in c["sectors"]))
        for c in consents
    )


_ANSWERS = (
    "UNWIND $ids AS id MATCH (p:Person {id: id}) RETURN p.id AS id, "
    + summary_answer("p")
    + " AS summary, "
    + covered("p")
    + " AS covered, EXISTS { MATCH (p)<-[:CONCERNS]-(c:Consent) WHERE "
    + covers("c")
    + " } AS full"
)


async def test_the_summary_agrees_with_the_consents_or_says_nothing(db: Database) -> None:
    people_ = await _random_people(db, seed=7, count=80)
    ids = [row["id"] for row in people_]
    consents_of = {row["id"]: row["consents"] for row in people_}
    told = 0
    async with db.driver.session(database=db.name) as session:
        for days, purpose, organisation, sector in itertools.product(
            (0, 1, 4, 45, 700), PURPOSES, ORGANISATIONS, SECTORS
        ):
            viewer = Viewer("u", organisation, consent_purpose=purpose, organisation_sector=sector)
            day = TODAY + dt.timedelta(days=days)
            result = await session.run(_ANSWERS, ids=ids, **viewer.params(today=day))
            for row in [r.data() async for r in result]:
                case = (row["id"], days, purpose, organisation, sector)
                expected = _reference(consents_of[row["id"]], day, purpose, organisation, sector)
                assert row["full"] == expected, case
                assert row["covered"] == expected, case
                if days == 0:
                    assert row["summary"] is not None, case  # written today: it holds today
                if row["summary"] is not None:
                    assert row["summary"] == row["full"], case
                    told += 1
    assert told > 0


async def test_a_person_with_no_summary_is_checked_against_the_consents(db: Database) -> None:
    [person] = await _people_with_random_consents(db, seed=3, count=1)
    async with db.driver.session(database=db.name) as session:
        await (
            await session.run("MATCH (p:Person {id: $id}) REMOVE p.consentKeysUntil", id=person)
        ).consume()
        viewer = Viewer("u", "org-a", consent_purpose="assess-needs", organisation_sector="health")
        row = await (await session.run(_ANSWERS, ids=[person], **viewer.params())).single()
    assert row is not None
    assert row["summary"] is None
    assert row["covered"] == row["full"]


async def test_a_name_ordered_list_weighs_exactly_the_people_whose_consent_covers_it(
    db: Database,
) -> None:
    rows = await _random_people(db, seed=11, count=60)
    ids = [row["id"] for row in rows]
    tag = ids[0].rsplit("-", 1)[0]  # "cs-<tag>", shared by these people only
    async with db.driver.session(database=db.name) as session:
        await (
            await session.run(
                "UNWIND $ids AS id MATCH (p:Person {id: id}) SET p.nameKey = 'c s ' + id", ids=ids
            )
        ).consume()
        only_these = people.PersonFilter(name=tag)
        for purpose, organisation, sector in itertools.product(PURPOSES, ORGANISATIONS, SECTORS):
            viewer = Viewer(
                "u", organisation, see_all=True, consent_purpose=purpose, organisation_sector=sector
            )
            expected = {
                row["id"]
                for row in rows
                if _reference(row["consents"], TODAY, purpose, organisation, sector)
            }
            listed = await db.read(people.search, only_these, None, len(ids) + 1, viewer)
            case = (purpose, organisation, sector)
            assert {person.id for person, _ in listed} == expected, case
            assert await db.read(people.count, only_these, viewer) == len(expected), case
    unweighed = Viewer("u", "org-a", see_all=True)  # a request resting on no consent
    assert len(await db.read(people.search, only_these, None, len(ids) + 1, unweighed)) == len(ids)


def test_each_sector_has_its_own_bit_in_the_order_of_the_vocabulary() -> None:
    assert tuple(s.value for s in Sector) == consent_summary.SECTORS
    written = dict(re.findall(r"\['(\w+)', (\d+)\]", consent_summary.REFRESH_P))
    assert {s: int(b) for s, b in written.items()} == consent_summary.SECTOR_BITS
    assert all(
        b < consent_summary.NAMES_ORGANISATIONS for b in consent_summary.SECTOR_BITS.values()
    )
    # The writer's and the readers' literal numbers are the encoding's.
    flag = str(consent_summary.NAMES_ORGANISATIONS)
    day = consent_summary.encode(dt.date(2000, 1, 2), [], names_organisations=False)
    assert f"THEN {flag} ELSE 0" in consent_summary.REFRESH_P
    assert f".days * {day}" in consent_summary.REFRESH_P
    assert f"(cs_x / {flag}) % 2 = 1" in summary_answer("p")


async def test_a_purpose_number_holds_its_day_sectors_and_whether_it_names_organisations(
    db: Database,
) -> None:
    person = "cs-number-" + uuid.uuid4().hex[:8]
    expires = TODAY + dt.timedelta(days=30)
    async with db.driver.session(database=db.name) as session:
        await (
            await session.run(
                """CREATE (p:Person {id: $id, givenName: 'N', familyName: 'S'})
                   CREATE (:Consent {id: $id + '-1', status: 'GIVEN', purposes: ['assess-needs'],
                     organisations: [], sectors: ['fire', 'health'], givenOn: $given,
                     expiresOn: $expires})-[:CONCERNS]->(p)
                   CREATE (:Consent {id: $id + '-2', status: 'GIVEN',
                     purposes: ['assess-needs', 'monitor-outcomes'], organisations: ['org-b'],
                     sectors: [], givenOn: $given})-[:CONCERNS]->(p)""",
                id=person,
                given=TODAY - dt.timedelta(days=3),
                expires=expires,
            )
        ).consume()
        await db.write(consent_summary.refresh, [person])
        row = await (
            await session.run("MATCH (p:Person {id: $id}) RETURN properties(p) AS p", id=person)
        ).single()
    assert row is not None
    props = row["p"]
    assert props["consent:assess-needs"] == consent_summary.encode(
        expires, ["health", "fire"], names_organisations=True
    )
    assert props["consent:assess-needs:orgs"] == ["org-b"]
    assert props["consent:monitor-outcomes"] == consent_summary.encode(
        expires, [], names_organisations=True
    )
    assert "consent:coordinate-support" not in props


async def test_a_summary_in_the_older_form_is_not_trusted(db: Database) -> None:
    """Before migration 17 a purpose's keys were a list: read as lapsed, and asked in full."""
    [person] = await _people_with_random_consents(db, seed=3, count=1)
    async with db.driver.session(database=db.name) as session:
        await (
            await session.run(
                "MATCH (p:Person {id: $id}) SET p['consent:assess-needs'] = $keys",
                id=person,
                keys=["s|health", "o|org-a"],
            )
        ).consume()
        for organisation, sector in itertools.product(ORGANISATIONS, SECTORS):
            viewer = Viewer(
                "u", organisation, consent_purpose="assess-needs", organisation_sector=sector
            )
            row = await (await session.run(_ANSWERS, ids=[person], **viewer.params())).single()
            assert row is not None
            assert row["summary"] is None
            assert row["covered"] == row["full"]


async def test_a_lapsed_summary_is_summarised_afresh(db: Database) -> None:
    person = "cs-lapsed-" + uuid.uuid4().hex[:8]
    async with db.driver.session(database=db.name) as session:
        await (
            await session.run(
                """CREATE (p:Person {id: $id, givenName: 'L', familyName: 'S'})
                   CREATE (:Consent {id: $id + '-1', status: 'GIVEN', purposes: ['assess-needs'],
                     organisations: ['org-a'], sectors: [], givenOn: $given})-[:CONCERNS]->(p)""",
                id=person,
                given=TODAY - dt.timedelta(days=10),
            )
        ).consume()
        await db.write(consent_summary.refresh, [person])
        # As if written when the day it held until was yesterday (a consent began since).
        yesterday = TODAY - dt.timedelta(days=1)
        await (
            await session.run(
                """MATCH (p:Person {id: $id})
                   SET p.consentKeysUntil = $yesterday, p['consent:assess-needs'] = $number""",
                id=person,
                yesterday=yesterday,
                number=consent_summary.encode(yesterday, [], names_organisations=True),
            )
        ).consume()
        viewer = Viewer("u", "org-a", consent_purpose="assess-needs", organisation_sector="health")
        before = await (await session.run(_ANSWERS, ids=[person], **viewer.params())).single()
        assert before is not None
        assert (before["summary"], before["covered"]) == (None, True)  # asked in full meanwhile
        assert await db.write_statement(consent_summary.refresh_lapsed) >= 1
        after = await (await session.run(_ANSWERS, ids=[person], **viewer.params())).single()
        assert after is not None
        assert (after["summary"], after["covered"]) == (True, True)
        until = await (
            await session.run(
                "MATCH (p:Person {id: $id}) RETURN p.consentKeysUntil AS d", id=person
            )
        ).single()
    assert until is not None
    assert until["d"].to_native() == dt.date(9999, 12, 31)
