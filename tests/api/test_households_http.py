"""Households over time from partners' lists, over HTTP against the real Neo4j: residences dated by
the records, the old household kept and ended after a move, periods that do not overlap, a shared
house split into households, a step-family kept whole, and forming again changing nothing."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from graph import Database
from tests.api.conftest import Token
from tests.api.household_calls import FORM, MATCH, gql, nhs, person, rows
from tests.api.partner_lists import HEADER, upload_list

_HOUSEHOLDS = """
MATCH (h:Household)-[:AT]->(a:Address) WHERE a.line1 = $line1
MATCH (p:Person)-[:IN_HOUSEHOLD]->(h)
WITH h, collect(p.id) AS members
RETURN toString(h.from) AS from, toString(h.to) AS to, h.supersededAt IS NULL AS kept,
       members ORDER BY from, to
"""


class _Lists:
    """People on partners' lists, each with a valid NHS number of their own, for one test."""

    def __init__(self, client: httpx.AsyncClient, token: Token, db: Database) -> None:
        self.client, self.token, self.db = client, token, db
        self.tag = uuid.uuid4().hex[:6]
        self._seed = int(uuid.uuid4().int % 10**7)
        self._numbers: dict[str, str] = {}
        self.analyst = token(
            "data_analyst", user_id="t-user-analyst", organisation_id="t-org-charity"
        )

    def nhs(self, who: str) -> str:
        if who not in self._numbers:
            self._numbers[who] = nhs(f"{(self._seed + len(self._numbers) * 7919) % 10**9:09d}")
        return self._numbers[who]

    def line1(self, street: str) -> str:
        return f"{street} {self.tag}"

    async def send(self, organisation: str, *people: tuple[str, str, str, str, str]) -> None:
        """(who, family name, born, street, evidence date) rows, matched after loading."""
        lines = [
            f"{who}-{self.tag}-{organisation[-3:]},{who},{surname}{self.tag},{born},"
            f"{self.line1(street)},EX3 1AA,{self.nhs(who)},CR1,{on}\n"
            for who, surname, born, street, on in people
        ]
        await upload_list(self.client, self.token, organisation, HEADER + "".join(lines))
        assert (await gql(self.client, self.analyst, MATCH))["data"]["matchPartnerRecords"][
            "errors"
        ] == []

    async def form(self) -> dict[str, Any]:
        body = await gql(self.client, self.analyst, FORM)
        assert body["data"]["formFamilies"]["errors"] == []
        run: dict[str, Any] = body["data"]["formFamilies"]["run"]
        return run

    async def id(self, who: str, organisation: str) -> str:
        return await person(self.db, f"{organisation}|{who}-{self.tag}-{organisation[-3:]}")

    async def households(self, street: str) -> list[dict[str, Any]]:
        return await rows(self.db, _HOUSEHOLDS, line1=self.line1(street))

    async def families(self, ids: list[str]) -> dict[str, str]:
        found = await rows(
            self.db,
            "MATCH (p:Person)-[m:MEMBER_OF]->(f:Family) WHERE p.id IN $ids AND m.to IS NULL "
            "RETURN p.id AS person, f.id AS family",
            ids=ids,
        )
        return {r["person"]: r["family"] for r in found}


async def _snapshot(db: Database, ids: list[str]) -> list[Any]:
    """Everything forming writes about these people, to compare before and after a run."""
    found = await rows(
        db,
        "MATCH (p:Person) WHERE p.id IN $ids "
        "OPTIONAL MATCH (p)-[l:LIVES_AT]->(a:Address) "
        "OPTIONAL MATCH (p)-[:IN_HOUSEHOLD]->(h:Household) "
        "OPTIONAL MATCH (p)-[m:MEMBER_OF]->(f:Family) "
        "RETURN p.id AS p, collect(DISTINCT [a.addressKey, toString(l.from), toString(l.to), "
        "a.shared]) AS homes, collect(DISTINCT [h.id, toString(h.to)]) AS households, "
        "collect(DISTINCT [f.id, m.role, toString(m.to)]) AS families ORDER BY p",
        ids=ids,
    )
    return [
        (
            r["p"],
            sorted(map(str, r["homes"])),
            sorted(map(str, r["households"])),
            sorted(map(str, r["families"])),
        )
        for r in found
    ]


async def test_a_move_ends_the_old_household_which_is_kept_and_forming_again_changes_nothing(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    lists = _Lists(client, token, db)
    police, school = "t-org-police", "t-org-school"
    await lists.send(
        police,
        ("Jo", "Brook", "1985-02-03", "10 Brook St", "2026-01-05"),
        ("Kit", "Brook", "2014-07-08", "10 Brook St", "2026-01-10"),
    )
    await lists.form()
    # The school's list is dated after the move: Jo lives at 7 New Lane from 2026-02-01.
    await lists.send(school, ("Jo", "Brook", "1985-02-03", "7 New Lane", "2026-02-01"))
    run = await lists.form()
    assert run["householdsCreated"] >= 2
    assert run["householdsEnded"] >= 1
    jo, kit = await lists.id("Jo", police), await lists.id("Kit", police)
    homes = await rows(
        db,
        "MATCH (:Person {id: $p})-[l:LIVES_AT]->(a:Address) "
        "RETURN a.line1 AS line1, toString(l.from) AS from, toString(l.to) AS to ORDER BY from",
        p=jo,
    )
    assert [(h["line1"], h["from"], h["to"]) for h in homes] == [
        (lists.line1("10 Brook St"), "2026-01-05", "2026-02-01"),
        (lists.line1("7 New Lane"), "2026-02-01", None),
    ]
    # Kit was first seen after Jo, at Jo's address: they were one household from Jo's start.
    assert [
        (h["from"], h["to"], sorted(h["members"]), h["kept"])
        for h in await lists.households("10 Brook St")
    ] == [
        ("2026-01-05", "2026-02-01", sorted([jo, kit]), True),
        ("2026-02-01", None, [kit], True),
    ]
    assert [(h["from"], h["to"], h["members"]) for h in await lists.households("7 New Lane")] == [
        ("2026-02-01", None, [jo])
    ]
    families = await lists.families([jo, kit])
    assert families[jo] == families[kit]  # moving keeps the family

    before = await _snapshot(db, [jo, kit])
    again = await lists.form()
    assert (
        again["householdsCreated"],
        again["householdsEnded"],
        again["familiesCreated"],
        again["membersAdded"],
    ) == (0, 0, 0, 0)
    assert await _snapshot(db, [jo, kit]) == before


async def test_people_at_one_address_at_different_times_are_not_one_household(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    lists = _Lists(client, token, db)
    council = "t-org-school"
    await lists.send(
        council,
        ("Ann", "Reed", "1970-04-05", "3 Mill Lane", "2025-03-01"),
        ("Bea", "Reed", "1972-08-09", "3 Mill Lane", "2025-11-20"),
    )
    # Ann had moved to Quay Road before Bea, with the same name, is first seen at Mill Lane.
    await lists.send("t-org-police", ("Ann", "Reed", "1970-04-05", "8 Quay Road", "2025-06-30"))
    await lists.form()
    ann, bea = await lists.id("Ann", council), await lists.id("Bea", council)
    assert [(h["from"], h["to"], h["members"]) for h in await lists.households("3 Mill Lane")] == [
        ("2025-03-01", "2025-06-30", [ann]),
        ("2025-11-20", None, [bea]),
    ]


async def test_accents_do_not_make_a_different_address_and_no_letter_is_dropped(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    lists = _Lists(client, token, db)
    police, school = "t-org-police", "t-org-school"
    await lists.send(
        police,
        ("Jo", "Brook", "1985-02-03", "1 Café Row", "2026-01-05"),
        # Ø is a letter of its own (no accent to take off): Øst Road is not St Road.
        ("Lu", "Moss", "1979-09-10", "2 Øst Road", "2026-01-05"),
    )
    await lists.send(
        school,
        ("Kit", "Brook", "2014-07-08", "1 Cafe Row", "2026-01-05"),
        ("Max", "Fern", "2012-11-12", "2 St Road", "2026-01-05"),
    )
    await lists.form()
    jo, kit = await lists.id("Jo", police), await lists.id("Kit", school)
    lu, max_ = await lists.id("Lu", police), await lists.id("Max", school)
    homes = {
        r["p"]: r["address"]
        for r in await rows(
            db,
            "MATCH (p:Person)-[:LIVES_AT]->(a:Address) WHERE p.id IN $ids "
            "RETURN p.id AS p, a.id AS address",
            ids=[jo, kit, lu, max_],
        )
    }
    assert homes[jo] == homes[kit]
    assert homes[lu] != homes[max_]
    families = await lists.families([jo, kit, lu, max_])
    assert families[jo] == families[kit]
    assert len({families[jo], families[lu], families[max_]}) == 3

    # Formed before accents were folded, the address was keyed without its é. Forming again
    # keys it afresh: the residences at the old key are superseded and kept, the family stays.
    old_key = f"addr:1 CAF ROW {lists.tag.upper()}|EX3 1AA"
    await rows(db, "MATCH (a:Address {id: $a}) SET a.addressKey = $k", a=homes[jo], k=old_key)
    await lists.form()
    found = await rows(
        db,
        "MATCH (p:Person)-[l:LIVES_AT]->(a:Address) WHERE p.id IN [$jo, $kit] "
        "RETURN p.id AS p, a.addressKey AS key, l.supersededAt IS NULL AS current",
        jo=jo,
        kit=kit,
    )
    new_key = f"addr:1 CAFE ROW {lists.tag.upper()}|EX3 1AA"
    assert sorted((r["p"], r["key"], r["current"]) for r in found) == sorted(
        [(jo, old_key, False), (kit, old_key, False), (jo, new_key, True), (kit, new_key, True)]
    )
    assert await lists.families([jo, kit]) == {jo: families[jo], kit: families[jo]}


async def test_a_shared_house_of_unrelated_adults_makes_separate_households_and_families(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    lists = _Lists(client, token, db)
    police = "t-org-police"
    await lists.send(
        police,
        ("Ola", "Ash", "1990-01-02", "5 Hall Rd", "2026-01-05"),
        ("Pip", "Birch", "1995-03-04", "5 Hall Rd", "2026-01-05"),
        ("Quin", "Cedar", "1988-05-06", "5 Hall Rd", "2026-01-05"),
    )
    run = await lists.form()
    assert run["sharedAddresses"] >= 1
    ids = [await lists.id(who, police) for who in ("Ola", "Pip", "Quin")]
    households = await lists.households("5 Hall Rd")
    assert sorted(h["members"] for h in households) == sorted([i] for i in ids)
    assert all(h["to"] is None for h in households)
    [address] = await rows(
        db, "MATCH (a:Address {line1: $l}) RETURN a.shared AS shared", l=lists.line1("5 Hall Rd")
    )
    assert address["shared"] is True
    assert len(set((await lists.families(ids)).values())) == 3


async def test_a_step_family_with_different_surnames_stays_one_household_and_family(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    lists = _Lists(client, token, db)
    charity = "t-org-charity"
    await lists.send(
        charity,
        ("Rae", "Dale", "1984-06-07", "2 Firs Way", "2026-01-05"),
        ("Sam", "Elm", "1982-09-10", "2 Firs Way", "2026-01-05"),
        ("Tia", "Dale", "2012-11-12", "2 Firs Way", "2026-01-05"),
        ("Uma", "Elm", "2016-02-13", "2 Firs Way", "2026-01-05"),
        ("Vic", "Fern", "2019-03-14", "2 Firs Way", "2026-01-05"),
    )
    await lists.form()
    ids = [await lists.id(who, charity) for who in ("Rae", "Sam", "Tia", "Uma", "Vic")]
    [household] = await lists.households("2 Firs Way")
    assert sorted(household["members"]) == sorted(ids)
    [address] = await rows(
        db, "MATCH (a:Address {line1: $l}) RETURN a.shared AS shared", l=lists.line1("2 Firs Way")
    )
    assert not address["shared"]
    assert len(set((await lists.families(ids)).values())) == 1
