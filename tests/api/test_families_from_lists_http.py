"""Households and families from partners' lists over HTTP: one address makes a household and a
family, a practitioner's link brings in a relative from another address, a move ends the old
residence, and only the data team forms families."""

from __future__ import annotations

import uuid

import httpx

from graph import Database
from tests.api.conftest import Token
from tests.api.household_calls import FORM, MATCH, gql, nhs, person, rows
from tests.api.partner_lists import HEADER, upload_list


async def test_households_make_families_that_links_extend_across_addresses(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    tag = uuid.uuid4().hex[:6]
    seed = int(uuid.uuid4().int % 10**7)
    numbers = [nhs(f"{(seed + i * 7919) % 10**9:09d}") for i in range(3)]
    await upload_list(
        client,
        token,
        "t-org-police",
        HEADER
        + f"P-{tag},Jo,Brook{tag},1985-02-03,10 Brook St,EX3 1AA,{numbers[0]},CR1,2026-01-05\n"
        + f"C-{tag},Kit,Brook{tag},2014-07-08,10 brook st.,ex3 1aa,{numbers[1]},CR1,2026-01-05\n"
        + f"G-{tag},Val,Moor{tag},1958-11-12,2 Hill Road,EX3 2BB,{numbers[2]},CR1,2026-01-05\n",
    )
    analyst = token("data_analyst", user_id="t-user-analyst", organisation_id="t-org-charity")
    assert (await gql(client, analyst, MATCH))["data"]["matchPartnerRecords"]["errors"] == []
    parent, child, grandparent = [
        await person(db, f"t-org-police|{ref}-{tag}") for ref in ("P", "C", "G")
    ]
    # A practitioner linked the grandparent, who lives elsewhere, to the parent.
    await rows(
        db,
        "MATCH (a:Person {id: $a}), (b:Person {id: $b}) "
        "CREATE (a)-[:RELATED_TO {id: randomUUID(), kind: 'PARENT', source: 'PRACTITIONER', "
        "createdAt: datetime(), createdBy: 't-user-practitioner', rationale: 'Daily carer'}]->(b)",
        a=grandparent,
        b=parent,
    )
    body = await gql(client, analyst, FORM)
    run = body["data"]["formFamilies"]["run"]
    assert run["familiesCreated"] >= 1
    assert run["linkedAcrossAddresses"] >= 1
    members = await rows(
        db,
        "MATCH (p:Person)-[m:MEMBER_OF]->(f:Family) WHERE p.id IN $ids AND m.to IS NULL "
        "MATCH (p)-[l:LIVES_AT]->(a:Address) WHERE l.to IS NULL "
        "RETURN p.id AS person, f.id AS family, f.status AS status, m.role AS role, "
        "a.id AS address",
        ids=[parent, child, grandparent],
    )
    by_person = {m["person"]: m for m in members}
    assert len({m["family"] for m in members}) == 1  # one family
    assert len({m["address"] for m in members}) == 2  # spanning two addresses
    assert by_person[parent]["address"] == by_person[child]["address"]  # spelling aside
    assert (by_person[parent]["role"], by_person[child]["role"]) == ("PARENT", "CHILD")
    assert by_person[grandparent]["role"] == "RELATIVE"
    assert by_person[child]["status"] == "IDENTIFIED"

    # The parent moves: a later list from another partner has the new address.
    await upload_list(
        client,
        token,
        "t-org-school",
        HEADER
        + f"M-{tag},Jo,Brook{tag},1985-02-03,7 New Lane,EX4 9ZZ,{numbers[0]},CR1,2026-02-01\n",
    )
    await gql(client, analyst, MATCH)
    again = await gql(client, analyst, FORM)
    assert again["data"]["formFamilies"]["errors"] == []
    homes = await rows(
        db,
        "MATCH (:Person {id: $p})-[l:LIVES_AT]->(a:Address) "
        "RETURN a.line1 AS line1, l.to IS NULL AS current ORDER BY current",
        p=parent,
    )
    # The old address keeps whichever spelling created it ("10 Brook St" or "10 brook st.").
    assert [(h["line1"].upper().rstrip("."), h["current"]) for h in homes] == [
        ("10 BROOK ST", False),
        ("7 NEW LANE", True),
    ]
    still = await rows(
        db,
        "MATCH (:Person {id: $p})-[m:MEMBER_OF]->(f:Family) WHERE m.to IS NULL RETURN f.id AS f",
        p=parent,
    )
    assert [r["f"] for r in still] == [by_person[parent]["family"]]  # moving keeps the family


async def test_only_the_data_team_forms_families_and_only_for_identifying_families(
    client: httpx.AsyncClient, token: Token
) -> None:
    analyst = token("data_analyst", user_id="t-user-analyst", organisation_id="t-org-charity")
    for bearer, purpose in (
        (token("coordinator"), "identify-families"),
        (analyst, "identify-individuals"),
    ):
        body = await gql(client, bearer, FORM, purpose)
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
