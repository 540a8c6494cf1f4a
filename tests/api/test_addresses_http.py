"""Addresses as partners write them, over HTTP against the real Neo4j: "7 Quay Lane" and "7 Quay
Ln" at one postcode are one address and one household (one family), flats written different
ways are one flat, and people of no fixed abode (ZZ99 3VZ) never make one household."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from graph import Database
from tests.api.conftest import Token
from tests.api.household_calls import FORM, MATCH, gql, nhs, person, rows
from tests.api.partner_lists import HEADER, upload_list


class _People:
    """Rows for one test: (who, family name, born, line1, postcode, evidence date)."""

    def __init__(self, client: httpx.AsyncClient, token: Token, db: Database) -> None:
        self.client, self.token, self.db = client, token, db
        self.tag = uuid.uuid4().hex[:6]
        self._seed = int(uuid.uuid4().int % 10**7)
        self.analyst = token(
            "data_analyst", user_id="t-user-analyst", organisation_id="t-org-charity"
        )
        self._numbers: dict[str, str] = {}

    def ref(self, who: str) -> str:
        return f"{who}-{self.tag}"

    def nhs(self, who: str) -> str:
        if who not in self._numbers:
            self._numbers[who] = nhs(f"{(self._seed + len(self._numbers) * 7919) % 10**9:09d}")
        return self._numbers[who]

    async def send(
        self, *people: tuple[str, str, str, str, str, str], organisation: str = "t-org-police"
    ) -> None:
        lines = [
            f'{self.ref(who)},{who},{surname}{self.tag},{born},"{line1}",{postcode},'
            f"{self.nhs(who)},CR1,{on}\n"
            for who, surname, born, line1, postcode, on in people
        ]
        await upload_list(self.client, self.token, organisation, HEADER + "".join(lines))

    async def form(self) -> dict[str, Any]:
        assert (await gql(self.client, self.analyst, MATCH))["data"]["matchPartnerRecords"][
            "errors"
        ] == []
        body = await gql(self.client, self.analyst, FORM)
        assert body["data"]["formFamilies"]["errors"] == []
        run: dict[str, Any] = body["data"]["formFamilies"]["run"]
        return run

    async def id(self, who: str) -> str:
        return await person(self.db, f"t-org-police|{self.ref(who)}")

    async def homes(self, ids: list[str]) -> list[dict[str, Any]]:
        """Each person's current address and household now."""
        return await rows(
            self.db,
            "MATCH (p:Person)-[l:LIVES_AT]->(a:Address) WHERE p.id IN $ids AND l.to IS NULL "
            "AND l.supersededAt IS NULL "
            "OPTIONAL MATCH (p)-[:IN_HOUSEHOLD]->(h:Household)-[:AT]->(a) "
            "WHERE h.to IS NULL AND h.supersededAt IS NULL "
            "RETURN p.id AS person, a.id AS address, a.line1 AS line1, a.postcode AS postcode, "
            "coalesce(a.shared, false) AS shared, "
            "[(m:Person)-[:IN_HOUSEHOLD]->(h) | m.id] AS members ORDER BY person",
            ids=ids,
        )

    async def families(self, ids: list[str]) -> dict[str, str]:
        found = await rows(
            self.db,
            "MATCH (p:Person)-[m:MEMBER_OF]->(f:Family) WHERE p.id IN $ids AND m.to IS NULL "
            "RETURN p.id AS person, f.id AS family",
            ids=ids,
        )
        return {r["person"]: r["family"] for r in found}


async def test_a_street_type_abbreviated_or_not_is_one_address_one_household_one_family(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    people = _People(client, token, db)
    t = people.tag
    await people.send(
        ("Jo", "Quay", "1985-02-03", f"7 Quay Lane {t}", "EX3 1AA", "2026-01-05"),
        ("Kit", "Quay", "2014-07-08", f"7 Quay Ln {t}", "EX3 1AA", "2026-01-05"),
        ("Ada", "Flat", "1990-03-04", f"Flat 2, 9 Quay Lane {t}", "EX3 1AA", "2026-01-05"),
        ("Bo", "Flat", "2016-05-06", f"2/9 Quay Lane {t}", "EX3 1AA", "2026-01-05"),
        ("Cy", "Flat", "2015-05-06", f"9 Quay Ln {t} Flat 2", "EX3 1AA", "2026-01-05"),
        ("Di", "Other", "1970-01-01", f"Flat 3, 9 Quay Lane {t}", "EX3 1AA", "2026-01-05"),
    )
    await people.form()
    ids = {who: await people.id(who) for who in ("Jo", "Kit", "Ada", "Bo", "Cy", "Di")}
    homes = {h["person"]: h for h in await people.homes(list(ids.values()))}
    jo, kit = homes[ids["Jo"]], homes[ids["Kit"]]
    assert jo["address"] == kit["address"]
    assert sorted(jo["members"]) == sorted([ids["Jo"], ids["Kit"]])
    # The address keeps a line as a partner sent it; each record keeps its own.
    assert jo["line1"] in {f"7 Quay Lane {t}", f"7 Quay Ln {t}"}
    [record] = await rows(
        db,
        "MATCH (s:SourceRecord {sourceKey: $key}) RETURN s.addressLine1 AS line1",
        key=f"t-org-police|{people.ref('Kit')}",
    )
    assert record["line1"] == f"7 Quay Ln {t}"
    flat = {homes[ids[who]]["address"] for who in ("Ada", "Bo", "Cy")}
    assert len(flat) == 1
    assert homes[ids["Di"]]["address"] not in flat  # another flat of the same building
    families = await people.families(list(ids.values()))
    assert families[ids["Jo"]] == families[ids["Kit"]]
    assert families[ids["Ada"]] == families[ids["Bo"]] == families[ids["Cy"]]


async def test_people_of_no_fixed_abode_never_make_one_household(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    people = _People(client, token, db)
    await people.send(
        ("Ed", "Nomad", "1980-01-02", f"4 Elm Road {people.tag}", "EX3 1AA", "2025-06-01")
    )
    # Three adults sharing a surname and a line would be one household at a real address.
    await people.send(
        ("Ed", "Nomad", "1980-01-02", "No fixed abode", "zz99 3vz", "2026-01-05"),
        ("Fay", "Nomad", "1982-03-04", "No fixed abode", "ZZ99 3VZ", "2026-01-05"),
        ("Gus", "Nomad", "1984-05-06", "No fixed abode", "ZZ993VZ", "2026-01-05"),
        organisation="t-org-school",
    )
    run = await people.form()
    assert run["sharedAddresses"] >= 0
    ed = await person(db, f"t-org-police|{people.ref('Ed')}")
    assert ed == await person(db, f"t-org-school|{people.ref('Ed')}")  # one person, matched
    fay = await person(db, f"t-org-school|{people.ref('Fay')}")
    gus = await person(db, f"t-org-school|{people.ref('Gus')}")
    homes = await people.homes([ed, fay, gus])
    assert [(h["postcode"], h["line1"], h["members"], h["shared"]) for h in homes] == [
        ("ZZ99 3VZ", "No fixed abode", [h["person"]], False) for h in homes
    ]
    assert len({h["address"] for h in homes}) == 3
    # Ed's home ended the day a partner knew him to be of no fixed abode, as a move would.
    [elm] = await rows(
        db,
        "MATCH (:Person {id: $p})-[l:LIVES_AT]->(a:Address {postcode: 'EX3 1AA'}) "
        "WHERE l.supersededAt IS NULL RETURN toString(l.from) AS from, toString(l.to) AS to",
        p=ed,
    )
    assert (elm["from"], elm["to"]) == ("2025-06-01", "2026-01-05")
    families = await people.families([ed, fay, gus])
    assert len(set(families.values())) == 3
