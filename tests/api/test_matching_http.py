"""Amalgamating partners' lists over HTTP: people formed from matched records, the review queue,
merges and undoing them, and who may do any of it."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest_asyncio

from api.relay import global_id
from graph import Database, people
from graph import matching as repository
from tests.api.conftest import Token
from tests.api.partner_lists import HEADER, nhs_number, upload_list

ORG = "t-org-police"
PURPOSE = "identify-families"


async def _run(db: Database, query: str, **params: Any) -> list[dict[str, Any]]:
    async with db.driver.session(database=db.name) as session:
        result = await session.run(query, params)
        return [record.data() async for record in result]


async def _records(db: Database, tag: str, n: int) -> list[str]:
    """n source records of the test partner, as an upload would leave them (no person yet)."""
    keys = [f"{ORG}|M-{tag}-{i}" for i in range(n)]
    await _run(
        db,
        "MATCH (o:Organisation {id: $org}) UNWIND range(0, size($keys) - 1) AS i "
        "CREATE (s:SourceRecord {sourceKey: $keys[i], id: randomUUID(), organisationId: $org, "
        "partnerReference: 'M-' + $tag + '-' + i, givenName: 'Robin' + i, familyName: 'Test', "
        "dateOfBirth: date('2012-03-04'), receivedAt: datetime()})-[:SUPPLIED_BY]->(o)",
        org=ORG,
        keys=keys,
        tag=tag,
    )
    return keys


async def _person_of(db: Database, key: str) -> str | None:
    rows = await _run(
        db, "MATCH (:SourceRecord {sourceKey: $k})-[:ABOUT]->(p:Person) RETURN p.id AS id", k=key
    )
    return str(rows[0]["id"]) if rows else None


@pytest_asyncio.fixture(loop_scope="session")
async def queued(db: Database) -> tuple[list[str], str]:
    """Two records made two people, and a review asking whether they are one."""
    keys = await _records(db, uuid.uuid4().hex[:8], 2)
    pair = repository.Pair(keys[0], keys[1], 3.2, 0.72, "probabilistic")
    applied = await db.write(
        repository.apply, [frozenset({keys[0]}), frozenset({keys[1]})], [], [pair], "test-model"
    )
    assert (applied.people_created, applied.reviews_added) == (2, 1)
    [review] = [
        r
        for r in await db.read(repository.reviews, "PENDING", None, 1000)
        if {r.left_key, r.right_key} == set(keys)
    ]
    return keys, review.id


async def _gql(
    client: httpx.AsyncClient, bearer: str, query: str, purpose: str = PURPOSE, **variables: Any
) -> dict[str, Any]:
    response = await client.post(
        "/graphql",
        json={"query": query, "variables": variables},
        headers={"Authorization": f"Bearer {bearer}", "X-Purpose-Of-Use": purpose},
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _analyst(token: Token) -> str:
    return token("data_analyst", user_id="t-user-analyst", organisation_id="t-org-charity")


DECIDE = """
mutation($id: ID!, $decision: ReviewDecision!, $reason: String!) {
  decideMatchReview(id: $id, decision: $decision, reason: $reason) {
    errors { code field message }
    review { status decidedBy reason }
    merge { id survivorId absorbedId undoneAt }
  }
}
"""
UNDO = """
mutation($id: ID!, $reason: String!) {
  undoMerge(id: $id, reason: $reason) { errors { code field } merge { undoneAt } }
}
"""
QUEUE = """
query { matchReviews(first: 100) { edges { node {
  id leftRecord rightRecord probability rule modelVersion status
  leftPerson { id } rightPerson { id }
} } } }
"""


def _global(type_name: str, raw: str) -> str:
    return global_id(type_name, raw)


async def test_the_queue_shows_the_pair_with_the_people_it_concerns(
    client: httpx.AsyncClient, token: Token, queued: tuple[list[str], str]
) -> None:
    keys, review_id = queued
    body = await _gql(client, _analyst(token), QUEUE)
    [item] = [
        e["node"]
        for e in body["data"]["matchReviews"]["edges"]
        if e["node"]["id"] == _global("MatchReview", review_id)
    ]
    assert {item["leftRecord"], item["rightRecord"]} == set(keys)
    assert (item["rule"], item["modelVersion"], item["status"]) == (
        "probabilistic",
        "test-model",
        "PENDING",
    )
    assert item["leftPerson"]["id"] != item["rightPerson"]["id"]


async def test_approving_merges_the_people_and_undoing_parts_them(
    client: httpx.AsyncClient, token: Token, db: Database, queued: tuple[list[str], str]
) -> None:
    keys, review_id = queued
    before = [await _person_of(db, k) for k in keys]
    body = await _gql(
        client,
        _analyst(token),
        DECIDE,
        id=_global("MatchReview", review_id),
        decision="APPROVE",
        reason="Same school, same date of birth; confirmed by phone.",
    )
    payload = body["data"]["decideMatchReview"]
    assert payload["errors"] == []
    assert payload["review"]["status"] == "APPROVED"
    assert payload["review"]["decidedBy"] == "t-user-analyst"
    merged = [await _person_of(db, k) for k in keys]
    assert merged[0] == merged[1]
    assert set(before) == {merged[0], *before}
    again = await _gql(
        client,
        _analyst(token),
        DECIDE,
        id=_global("MatchReview", review_id),
        decision="REJECT",
        reason="Changed my mind.",
    )
    assert again["data"]["decideMatchReview"]["errors"][0]["code"] == "CONFLICT"
    merge_id = payload["merge"]["id"]
    undone = await _gql(client, _analyst(token), UNDO, id=merge_id, reason="Wrong person.")
    assert undone["data"]["undoMerge"]["merge"]["undoneAt"]
    assert [await _person_of(db, k) for k in keys] == before
    twice = await _gql(client, _analyst(token), UNDO, id=merge_id, reason="Again.")
    assert twice["data"]["undoMerge"]["errors"][0]["code"] == "CONFLICT"


async def test_a_rejected_pair_stays_apart_and_is_not_queued_again(
    client: httpx.AsyncClient, token: Token, db: Database, queued: tuple[list[str], str]
) -> None:
    keys, review_id = queued
    body = await _gql(
        client,
        _analyst(token),
        DECIDE,
        id=_global("MatchReview", review_id),
        decision="REJECT",
        reason="Different mothers named on the referrals.",
    )
    assert body["data"]["decideMatchReview"]["merge"] is None
    assert await _person_of(db, keys[0]) != await _person_of(db, keys[1])
    pair = repository.Pair(keys[1], keys[0], 3.0, 0.7, "probabilistic")
    applied = await db.write(repository.apply, [], [], [pair], "test-model")
    assert applied.reviews_added == 0


async def test_bad_decisions_are_refused_with_the_field(
    client: httpx.AsyncClient, token: Token, queued: tuple[list[str], str]
) -> None:
    _, review_id = queued
    for variables, field, code in (
        ({"id": "nonsense", "decision": "APPROVE", "reason": "x"}, "id", "BAD_USER_INPUT"),
        (
            {"id": _global("MatchReview", review_id), "decision": "APPROVE", "reason": "  "},
            "reason",
            "BAD_USER_INPUT",
        ),
        (
            {"id": _global("MatchReview", str(uuid.uuid4())), "decision": "APPROVE", "reason": "x"},
            "id",
            "NOT_FOUND",
        ),
    ):
        body = await _gql(client, _analyst(token), DECIDE, **variables)
        [error] = body["data"]["decideMatchReview"]["errors"]
        assert (error["field"], error["code"]) == (field, code)


async def test_only_the_data_team_amalgamates_and_only_for_identifying_families(
    client: httpx.AsyncClient, token: Token, queued: tuple[list[str], str]
) -> None:
    _, review_id = queued
    decide = {"id": _global("MatchReview", review_id), "decision": "APPROVE", "reason": "x"}
    for bearer, purpose in (
        (token("coordinator"), PURPOSE),
        (_analyst(token), "identify-individuals"),
    ):
        for query, variables in (
            (QUEUE, {}),
            (DECIDE, decide),
            ("mutation { matchPartnerRecords { errors { code } } }", {}),
        ):
            body = await _gql(client, bearer, query, purpose=purpose, **variables)
            assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN", (purpose, query)
    allowed = await _gql(client, _analyst(token), QUEUE)
    assert "errors" not in allowed


async def test_matching_makes_one_person_of_one_nhs_number_and_keeps_twins_apart(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    tag = uuid.uuid4().hex[:6]
    police = HEADER + (
        f"A-{tag},Morgan,Quill{tag},2013-05-06,4 Mill Lane,EX2 5AA,9434765919,CR1,2026-01-05\n"
        f"B-{tag},Morgana,Quill{tag},2013-05-06,4 Mill Lane,EX2 5AA,9434765870,CR1,2026-01-05\n"
    )
    school = HEADER + (
        f"C-{tag},Morgan,Quil{tag},2013-05-06,9 Elm Road,EX2 6BB,943 476 5919,CR1,2026-01-09\n"
    )
    for organisation, text in (("t-org-police", police), ("t-org-school", school)):
        await upload_list(client, token, organisation, text)
    body = await _gql(
        client,
        _analyst(token),
        "mutation { matchPartnerRecords { errors { code } run { records modelVersion } } }",
    )
    run = body["data"]["matchPartnerRecords"]["run"]
    assert run["records"] >= 3
    assert run["modelVersion"]
    same = [
        await _person_of(db, f"t-org-police|A-{tag}"),
        await _person_of(db, f"t-org-school|C-{tag}"),
    ]
    twin = await _person_of(db, f"t-org-police|B-{tag}")
    assert same[0] is not None
    assert same[0] == same[1]  # one NHS number: one person, across partners and addresses
    assert twin is not None
    assert twin != same[0]  # a different NHS number never joins them


async def test_bad_cursors_and_merge_ids_are_clear_errors(
    client: httpx.AsyncClient, token: Token
) -> None:
    bad_cursor = await _gql(
        client, _analyst(token), 'query { matchReviews(after: "bm90IGpzb24") { edges { cursor } } }'
    )
    assert bad_cursor["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    body = await _gql(client, _analyst(token), UNDO, id="PersonMerge:nonsense", reason="x")
    [error] = body["data"]["undoMerge"]["errors"]
    assert (error["code"], error["field"]) == ("BAD_USER_INPUT", "id")
    blank = await _gql(
        client, _analyst(token), UNDO, id=_global("PersonMerge", str(uuid.uuid4())), reason=" "
    )
    assert blank["data"]["undoMerge"]["errors"][0]["field"] == "reason"


async def test_people_are_found_by_name_with_or_without_accents(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    tag = uuid.uuid4().hex[:6]
    await upload_list(
        client,
        token,
        ORG,
        HEADER + f"L-{tag},Łukasz,Wójcik{tag},1990-01-02,3 Quay Road,EX2 5AA,,CR1,2026-01-05\n",
    )
    await _gql(client, _analyst(token), "mutation { matchPartnerRecords { errors { code } } }")
    query = (
        "query($name: String) { people(filter: {name: $name}) { edges { node { givenName } } } }"
    )
    for typed in (f"lukasz wojcik{tag}", f"ŁUKASZ WÓJCIK{tag}", f"Wojcik{tag}"):
        body = await _gql(client, _analyst(token), query, name=typed)
        assert body["data"]["people"]["edges"] == [{"node": {"givenName": "Łukasz"}}], typed
    body = await _gql(client, _analyst(token), query, name=f"lucas wojcik{tag}")
    assert body["data"]["people"]["edges"] == []


async def test_name_keys_written_before_accents_were_folded_are_rewritten(db: Database) -> None:
    tag = uuid.uuid4().hex[:6]
    await _run(
        db,
        "CREATE (:Person {id: $id, givenName: 'Zoë', familyName: $family, nameKey: $old})",
        id=f"t-nk-{tag}",
        family=f"Ørsted{tag}",
        old=f"zoë ørsted{tag}",
    )
    assert await db.write(people.refresh_name_keys, [f"t-nk-{tag}"]) == 1
    [row] = await _run(db, "MATCH (p:Person {id: $id}) RETURN p.nameKey AS k", id=f"t-nk-{tag}")
    assert row["k"] == f"zoe orsted{tag}"
    # and running it again changes nothing
    assert await db.write(people.refresh_name_keys, [f"t-nk-{tag}"]) == 0


async def test_every_name_key_is_rewritten_in_batches(db: Database) -> None:
    """Migration 16's rewrite, a few people per transaction over a window of ids."""
    tag = uuid.uuid4().hex[:6]
    names = [
        ("Zoë", "Ørsted"),
        ("Ana", "Muñoz"),
        ("Plain", "Ascii"),
        ("Łukasz", "Wójcik"),
        ("Eve", "Öz"),
    ]
    for i, (given, family) in enumerate(names):
        await _run(
            db,
            "CREATE (:Person {id: $id, givenName: $given, familyName: $family, nameKey: $old})",
            id=f"t-nkb-{tag}-{i}",
            given=given,
            family=family,
            old=f"{given} {family}".lower(),
        )
    window = {"after": f"t-nkb-{tag}-", "until": f"t-nkb-{tag}-~"}
    assert await people.refresh_all_name_keys(db, batch=2, **window) == 4
    rows = await _run(
        db,
        "MATCH (p:Person) WHERE p.id STARTS WITH $prefix RETURN p.nameKey AS k ORDER BY p.id",
        prefix=f"t-nkb-{tag}-",
    )
    assert [r["k"] for r in rows] == [
        "zoe orsted",
        "ana munoz",
        "plain ascii",
        "lukasz wojcik",
        "eve oz",
    ]
    assert await people.refresh_all_name_keys(db, batch=2, **window) == 0


async def test_one_nhs_number_on_a_mother_and_her_son_goes_to_review_not_a_link(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    """Equal NHS numbers link unless the records disagree beyond a typo: a mother's number on her
    son's record leaves two people and a review item (rule and model version kept), while the
    link between the mother's own two records carries the model's version too."""
    tag = uuid.uuid4().hex[:6]
    number = nhs_number()
    police = HEADER + (
        f"M-{tag},Lowenna,Hosk{tag},1981-05-02,4 Mill Lane,EX2 5AA,{number},CR1,2026-01-05\n"
        f"S-{tag},Kit,Hosk{tag},2015-09-20,4 Mill Lane,EX2 5AA,{number},CR1,2026-01-05\n"
    )
    school = HEADER + (
        f"N-{tag},Lowenna,Hosk{tag},1981-05-02,4 Mill Lane,EX2 5AA,{number},CR1,2026-01-09\n"
    )
    for organisation, text in (("t-org-police", police), ("t-org-school", school)):
        await upload_list(client, token, organisation, text)
    body = await _gql(
        client,
        _analyst(token),
        "mutation { matchPartnerRecords { errors { code } run { modelVersion } } }",
    )
    version = body["data"]["matchPartnerRecords"]["run"]["modelVersion"]
    mother = await _person_of(db, f"t-org-police|M-{tag}")
    son = await _person_of(db, f"t-org-police|S-{tag}")
    assert mother is not None
    assert son is not None
    assert mother != son
    assert await _person_of(db, f"t-org-school|N-{tag}") == mother
    reviews = await _run(
        db,
        "MATCH (r:MatchReview) WHERE r.leftKey IN $keys AND r.rightKey IN $keys "
        "RETURN r.rule AS rule, r.modelVersion AS version, r.status AS status",
        keys=[f"t-org-police|M-{tag}", f"t-org-police|S-{tag}", f"t-org-school|N-{tag}"],
    )
    assert {(r["rule"], r["version"], r["status"]) for r in reviews} == {
        ("nhs_number", version, "PENDING")
    }
    links = await _run(
        db,
        "MATCH (a:SourceRecord)-[m:MATCHES]-(b:SourceRecord) "
        "WHERE a.sourceKey = $mother AND b.sourceKey = $school "
        "RETURN m.rule AS rule, m.modelVersion AS version",
        mother=f"t-org-police|M-{tag}",
        school=f"t-org-school|N-{tag}",
    )
    assert [(r["rule"], r["version"]) for r in links] == [("nhs_number", version)]
