"""Every response that discloses personal data is recorded, before it leaves, or not sent."""

from __future__ import annotations

import asyncio
import os
import uuid
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from api.relay import global_id
from audit import Disclosure
from audit import chain as audit_chain
from audit.storage import AS_HASHED
from graph import Database
from tests.api.conftest import Token

CHLOE = global_id("Person", "t-chloe")
READ_CHLOE = """query($id: ID!) { person(id: $id) {
    givenName criteriaMet { edges { node { code } } }
    relatives { edges { link { rationale } } } } }"""


async def _post(
    client: httpx.AsyncClient,
    token: str,
    query: str,
    variables: dict[str, Any] | None = None,
    **headers: str,
) -> tuple[str, httpx.Response]:
    request_id = f"test-{uuid.uuid4()}"
    response = await client.post(
        "/graphql",
        json={"query": query, "variables": variables or {}},
        headers={"Authorization": f"Bearer {token}", "X-Request-Id": request_id, **headers},
    )
    return request_id, response


async def _disclosures(app: Starlette, db: Database, request_id: str) -> list[dict[str, Any]]:
    await app.state.audit.shipped()  # the journal's records are in the chain
    async with db.driver.session(database=db.name) as session:
        result = await session.run(
            "MATCH (d:Disclosure {requestId: $id}) RETURN "
            + AS_HASHED
            + " AS d ORDER BY d.sequence",
            id=request_id,
        )
        return [record["d"] async for record in result]


async def _disclosed(app: Starlette, db: Database, request_id: str) -> dict[str, Any]:
    """What the records of one response say together: one record, or two when it disclosed
    more after its first wait on Neo4j (audit.recording.Recording)."""
    records = await _disclosures(app, db, request_id)
    assert 1 <= len(records) <= 2, records
    first = records[0]
    for other in records[1:]:
        for same in ("userId", "organisationId", "purpose", "lawfulBasis", "justification"):
            assert other.get(same) == first.get(same), same
        assert other["policyVersion"] == first["policyVersion"]
    return first | {
        "personIds": list(dict.fromkeys(p for r in records for p in r["personIds"])),
        "dataClasses": sorted({c for r in records for c in r["dataClasses"]}),
    }


async def test_a_disclosure_is_recorded_with_who_what_why_and_whom(
    app: Starlette, client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    request_id, response = await _post(client, token("practitioner"), READ_CHLOE, {"id": CHLOE})
    assert response.json()["data"]["person"]["givenName"] == "Chloe"
    record = await _disclosed(app, db, request_id)
    assert record["userId"] == "t-user-practitioner"
    assert record["organisationId"] == "t-org-charity"
    assert record["purpose"] == "coordinate-support"
    assert record["lawfulBasis"] == "CONSENT"  # coordinating support shares with consent
    assert record["dataClasses"] == ["case_notes", "education", "family_links", "identity"]
    assert record["personIds"][0] == "t-chloe"
    assert len(record["policyVersion"]) == 16
    assert (await db.read(audit_chain.verify)).ok


async def test_withheld_fields_are_not_recorded_as_disclosed(
    app: Starlette, client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    request_id, response = await _post(client, token("partner_system"), READ_CHLOE, {"id": CHLOE})
    assert response.json()["extensions"]["redactions"]
    record = await _disclosed(app, db, request_id)
    assert record["dataClasses"] == ["family_links", "identity"]


async def test_no_personal_data_no_record(
    app: Starlette, client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    request_id, response = await _post(client, token("practitioner"), "{ me { userId } }")
    assert response.status_code == 200
    assert await _disclosures(app, db, request_id) == []


async def test_a_basis_offered_in_a_header_is_refused_and_nothing_is_read(
    app: Starlette, client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    # Exceptions to consent are recorded decisions (recordSharingDecision), never headers.
    request_id, response = await _post(
        client,
        token("practitioner"),
        READ_CHLOE,
        {"id": CHLOE},
        **{"X-Lawful-Basis": "VITAL_INTERESTS", "X-Justification": "Child missing tonight."},
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert await _disclosures(app, db, request_id) == []


async def test_a_basis_needing_justification_without_one_is_refused(
    app: Starlette, client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    for headers in (
        {"X-Lawful-Basis": "VITAL_INTERESTS"},
        {"X-Lawful-Basis": "BECAUSE"},
        {"X-Lawful-Basis": "PUBLIC_TASK", "X-Justification": "x" * 1001},
    ):
        request_id, response = await _post(
            client, token("practitioner"), READ_CHLOE, {"id": CHLOE}, **headers
        )
        assert response.status_code == 400, headers
        assert response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
        assert await _disclosures(app, db, request_id) == []


@pytest.mark.parametrize(
    "device",
    [
        "/dev/full",  # a full disk: every write fails (ENOSPC)
        "/dev/null",  # a disk that takes the write but cannot make it durable (EINVAL)
    ],
)
async def test_if_the_audit_cannot_be_written_no_personal_data_is_sent(
    app: Starlette, client: httpx.AsyncClient, token: Token, db: Database, device: str
) -> None:
    journal = app.state.audit.fileno()
    kept = os.dup(journal)
    broken = os.open(device, os.O_WRONLY)
    os.dup2(broken, journal)
    try:
        request_id, response = await _post(client, token("practitioner"), READ_CHLOE, {"id": CHLOE})
    finally:
        os.dup2(kept, journal)
        os.close(kept)
        os.close(broken)
    body = response.json()
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "SERVICE_UNAVAILABLE"
    assert "Chloe" not in response.text
    assert await _disclosures(app, db, request_id) == []
    # And once the audit can be written again, so is the response.
    _, again = await _post(client, token("practitioner"), READ_CHLOE, {"id": CHLOE})
    assert again.json()["data"]["person"]["givenName"] == "Chloe"
    assert (await db.read(audit_chain.verify)).ok


async def test_a_disclosure_made_while_neo4j_refuses_the_audit_reaches_it_later(
    app: Starlette, client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    # Earlier tests' records still being shipped would race for the place the blocker takes.
    await app.state.audit.shipped()
    # A record squatting on the next place in the chain makes every append fail (uniqueness).
    async with db.driver.session(database=db.name) as session:
        head = await (
            await session.run("MATCH (c:AuditChain {name: 'disclosures'}) RETURN c.sequence AS s")
        ).single()
        blocker = f"disclosures:{(head['s'] if head else 0) + 1}"
        await (
            await session.run("CREATE (:Blocker:Disclosure {chainSequence: $b})", b=blocker)
        ).consume()
    try:
        request_id, response = await _post(client, token("practitioner"), READ_CHLOE, {"id": CHLOE})
        # Durable in the journal, so the response goes; the chain does not have it yet.
        assert response.json()["data"]["person"]["givenName"] == "Chloe"
        await asyncio.sleep(0.3)
        async with db.driver.session(database=db.name) as session:
            found = await session.run("MATCH (d:Disclosure {requestId: $r}) RETURN d", r=request_id)
            assert [r async for r in found] == []
    finally:
        async with db.driver.session(database=db.name) as session:
            await (await session.run("MATCH (b:Blocker) DELETE b")).consume()
    record = await _disclosed(app, db, request_id)
    assert record["personIds"][0] == "t-chloe"
    assert (await db.read(audit_chain.verify)).ok


async def test_concurrent_responses_are_each_recorded(
    app: Starlette, client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    # Several at once share the journal's write (audit.journal); each still has its record.
    bearer = token("practitioner")
    answers = await asyncio.gather(
        *(_post(client, bearer, READ_CHLOE, {"id": CHLOE}) for _ in range(6))
    )
    for request_id, response in answers:
        assert response.json()["data"]["person"]["givenName"] == "Chloe"
        record = await _disclosed(app, db, request_id)
        assert record["personIds"][0] == "t-chloe"


READ_PAGE = "{ families(first: 50) { totalCount edges { node { reference status } } } }"


async def _members_of(db: Database, references: list[str]) -> set[str]:
    async with db.driver.session(database=db.name) as session:
        result = await session.run(
            """UNWIND $refs AS ref MATCH (:Family {reference: ref})<-[m:MEMBER_OF]-(p:Person)
               WHERE m.to IS NULL RETURN p.id AS id""",
            refs=references,
        )
        return {record["id"] async for record in result}


async def test_a_page_whose_count_is_read_after_its_rows_has_one_record(
    app: Starlette, client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    # The rows' fields are decided before `totalCount` is read: their record is made while
    # Neo4j counts, and nothing is left to record at the end.
    request_id, response = await _post(client, token("coordinator"), READ_PAGE)
    edges = response.json()["data"]["families"]["edges"]
    served = [e["node"]["reference"] for e in edges if e["node"]["status"] is not None]
    assert served
    [record] = await _disclosures(app, db, request_id)
    assert record["dataClasses"] == ["social_care"]
    assert set(record["personIds"]) == await _members_of(db, served)


async def test_what_is_disclosed_after_the_first_wait_is_in_a_second_record(
    app: Starlette, client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    # Chloe's name, and whether her criteria and relatives may be listed, are decided before
    # they are read; the links' rationales (case notes) only after.
    request_id, _ = await _post(client, token("practitioner"), READ_CHLOE, {"id": CHLOE})
    first, second = await _disclosures(app, db, request_id)
    assert first["sequence"] < second["sequence"]
    assert first["personIds"] == ["t-chloe"]
    assert first["dataClasses"] == ["family_links", "identity"]
    assert "case_notes" in second["dataClasses"]
    assert "t-chloe" in second["personIds"]
    assert "case_notes" not in first["dataClasses"]


async def test_if_a_later_record_cannot_be_written_no_personal_data_is_sent(
    app: Starlette,
    client: httpx.AsyncClient,
    token: Token,
    db: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    journal = app.state.audit
    appended = journal.append
    calls = 0

    async def second_fails(record: Disclosure, *, shared: bool = False) -> None:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise OSError("no space left on device")
        await appended(record, shared=shared)

    monkeypatch.setattr(journal, "append", second_fails)
    request_id, response = await _post(client, token("practitioner"), READ_CHLOE, {"id": CHLOE})
    body = response.json()
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "SERVICE_UNAVAILABLE"
    assert "Chloe" not in response.text
    # The record made during the wait stays: it over-states what left, as documented.
    [record] = await _disclosures(app, db, request_id)
    assert record["dataClasses"] == ["family_links", "identity"]
