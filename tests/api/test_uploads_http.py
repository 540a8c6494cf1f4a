"""Partner lists over HTTP: a multipart upload, its report, idempotency, corrections with history,
malformed files changing nothing, and who may upload and read reports."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

import httpx

from api.inputs import today
from api.relay import global_id
from graph import Database
from tests.api.conftest import Token

UPLOAD = """
mutation($file: Upload!, $org: String, $strict: Boolean) {
  uploadPartnerList(file: $file, organisationId: $org, strict: $strict) {
    alreadyReceived
    errors { code field message }
    upload {
      id status rowsRead accepted rejected created updated unchanged organisationId
      rejections { edges { node { rowNumber field code message } } }
    }
  }
}
"""

HEADER = (
    "partner_reference,given_name,family_name,date_of_birth,address_line1,postcode,"
    "nhs_number,criteria,evidence_date\n"
)


def _csv(*rows: str) -> bytes:
    return (HEADER + "".join(row + "\n" for row in rows)).encode()


def _row(ref: str, given: str = "Amelia", postcode: str = "EX4 4QJ") -> str:
    return f"{ref},{given},Hughes,2011-04-23,12 Fore Street,{postcode},,CR1,2026-01-10"


async def _upload(
    client: httpx.AsyncClient,
    bearer: str,
    data: bytes,
    filename: str = "list.csv",
    purpose: str = "identify-individuals",
    **variables: Any,
) -> httpx.Response:
    operations = {"query": UPLOAD, "variables": {"file": None, **variables}}
    return await client.post(
        "/graphql",
        headers={"Authorization": f"Bearer {bearer}", "X-Purpose-Of-Use": purpose},
        data={"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.file"]})},
        files={"0": (filename, data, "text/csv")},
    )


async def _payload(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body["errors"]
    payload: dict[str, Any] = body["data"]["uploadPartnerList"]
    return payload


async def _count(db: Database, query: str, **params: Any) -> int:
    async with db.driver.session(database=db.name) as session:
        record = await (await session.run(query, params)).single()
        assert record is not None
        return int(record[0])


async def _raw_id(db: Database, global_upload_id: str) -> str:
    ids = await _ids(db)
    [raw] = [i for i in ids if global_id("PartnerUpload", i) == global_upload_id]
    return raw


async def _ids(db: Database) -> list[str]:
    async with db.driver.session(database=db.name) as session:
        result = await session.run("MATCH (u:Upload) RETURN u.id AS id")
        return [record["id"] async for record in result]


def _partner(token: Token, organisation: str = "t-org-police") -> str:
    return token("partner_system", user_id=f"t-system-{organisation}", organisation_id=organisation)


async def test_good_rows_load_and_bad_rows_are_reported(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    tag = uuid.uuid4().hex[:8]
    data = _csv(_row(f"A-{tag}"), _row(f"B-{tag}", postcode="NOT A POSTCODE"), _row(f"C-{tag}"))
    payload = await _payload(await _upload(client, _partner(token), data))
    upload = payload["upload"]
    assert payload["errors"] == []
    assert payload["alreadyReceived"] is False
    assert (upload["rowsRead"], upload["accepted"], upload["rejected"]) == (3, 2, 1)
    assert (upload["status"], upload["created"], upload["organisationId"]) == (
        "COMPLETE",
        2,
        "t-org-police",
    )
    [rejection] = [e["node"] for e in upload["rejections"]["edges"]]
    assert (rejection["rowNumber"], rejection["field"], rejection["code"]) == (
        3,
        "postcode",
        "INVALID_POSTCODE",
    )
    assert "NOT A POSTCODE" not in rejection["message"]  # reports never echo personal data
    loaded = await _count(
        db,
        "MATCH (s:SourceRecord)-[:SUPPLIED_BY]->(:Organisation {id: 't-org-police'}), "
        "(s)-[:REPORTS]->(:Criterion {code: 'CR1'}) "
        "WHERE s.partnerReference IN $refs RETURN count(s)",
        refs=[f"A-{tag}", f"B-{tag}", f"C-{tag}"],
    )
    assert loaded == 2


async def test_the_same_file_again_changes_nothing_and_says_so(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    data = _csv(_row(f"S-{uuid.uuid4().hex[:8]}"))
    first = await _payload(await _upload(client, _partner(token), data))
    uploads_before = await _count(db, "MATCH (u:Upload) RETURN count(u)")
    again = await _payload(await _upload(client, _partner(token), data))
    assert again["alreadyReceived"] is True
    assert again["upload"]["id"] == first["upload"]["id"]
    assert await _count(db, "MATCH (u:Upload) RETURN count(u)") == uploads_before


async def test_a_corrected_row_updates_the_fact_and_keeps_its_history(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    tag = uuid.uuid4().hex[:8]
    first = await _payload(
        await _upload(client, _partner(token), _csv(_row(f"K-{tag}"), _row(f"L-{tag}")))
    )
    corrected = _csv(_row(f"K-{tag}", given="Amelie"), _row(f"L-{tag}"))
    second = (await _payload(await _upload(client, _partner(token), corrected)))["upload"]
    assert (second["created"], second["updated"], second["unchanged"]) == (0, 1, 1)
    key = f"t-org-police|K-{tag}"
    async with db.driver.session(database=db.name) as session:
        record = await (
            await session.run(
                "MATCH (s:SourceRecord {sourceKey: $key})-[:PREVIOUS]->(v:SourceRecordVersion) "
                "RETURN s.givenName AS now, s.version AS version, v.givenName AS before, "
                "v.uploadId AS suppliedBy, v.supersededBy AS supersededBy",
                key=key,
            )
        ).single()
    assert record is not None
    assert (record["now"], record["version"], record["before"]) == ("Amelie", 2, "Amelia")
    # The replaced value keeps the upload that had supplied it; the correction names its own.
    assert record["suppliedBy"] == await _raw_id(db, first["upload"]["id"])
    assert record["supersededBy"] == await _raw_id(db, second["id"])


def _due_row(ref: str, due: str) -> str:
    evidence = (today() - dt.timedelta(days=7)).isoformat()
    return f"{ref},Amelia,Hughes,1995-04-23,12 Fore Street,EX4 4QJ,,CR1,{evidence},{due}"


async def test_an_expected_due_date_is_stored_and_a_bad_one_rejects_its_row_whole(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    tag = uuid.uuid4().hex[:8]
    due = (today() + dt.timedelta(days=90)).isoformat()
    late = (today() + dt.timedelta(days=400)).isoformat()
    rows = [_due_row(f"V-{tag}", due), _due_row(f"W-{tag}", "next May"), _due_row(f"Y-{tag}", late)]
    data = (HEADER.rstrip("\n") + ",expected_due_date\n" + "".join(r + "\n" for r in rows)).encode()
    upload = (await _payload(await _upload(client, _partner(token), data)))["upload"]
    assert (upload["accepted"], upload["rejected"], upload["created"]) == (1, 2, 1)
    found = [
        (e["node"]["rowNumber"], e["node"]["field"], e["node"]["code"], e["node"]["message"])
        for e in upload["rejections"]["edges"]
    ]
    assert [f[:3] for f in found] == [
        (3, "expected_due_date", "INVALID_DATE"),
        (4, "expected_due_date", "DUE_DATE_TOO_LATE"),
    ]
    assert not any("May" in f[3] or late in f[3] for f in found)  # health data is not echoed
    async with db.driver.session(database=db.name) as session:
        result = await session.run(
            "MATCH (s:SourceRecord {organisationId: 't-org-police'}) "
            "WHERE s.partnerReference IN $refs "
            "RETURN s.partnerReference AS ref, s.expectedDueDate AS due, "
            "COUNT { (s)-[:REPORTS]->() } AS reports",
            refs=[f"V-{tag}", f"W-{tag}", f"Y-{tag}"],
        )
        stored = [(r["ref"], r["due"].to_native().isoformat(), r["reports"]) async for r in result]
    assert stored == [(f"V-{tag}", due, 1)]


async def test_a_malformed_file_is_refused_and_changes_nothing(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    uploads_before = await _count(db, "MATCH (u:Upload) RETURN count(u)")
    for data, name, code in (
        (b"\xff\xfe\x00bad", "list.csv", "NOT_UTF8"),
        (b"given_name,family_name\nAmelia,Hughes\n", "list.csv", "MISSING_HEADER"),
        (b"", "list.csv", "EMPTY"),
        (b"PK\x03\x04binary", "list.xlsx", "UNKNOWN_FORMAT"),
    ):
        payload = await _payload(await _upload(client, _partner(token), data, filename=name))
        assert payload["upload"] is None
        [error] = payload["errors"]
        assert (error["code"], error["field"]) == ("BAD_USER_INPUT", "file")
        assert error["message"].startswith(code), error
    assert await _count(db, "MATCH (u:Upload) RETURN count(u)") == uploads_before


async def test_strict_mode_loads_nothing_when_a_row_is_rejected(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    tag = uuid.uuid4().hex[:8]
    data = _csv(_row(f"G-{tag}"), _row(f"H-{tag}", postcode="?"))
    upload = (await _payload(await _upload(client, _partner(token), data, strict=True)))["upload"]
    assert (upload["status"], upload["rowsRead"], upload["accepted"]) == ("REJECTED", 2, 0)
    assert upload["rejected"] == 2
    refs = [f"G-{tag}", f"H-{tag}"]
    assert (
        await _count(
            db,
            "MATCH (s:SourceRecord) WHERE s.partnerReference IN $refs RETURN count(s)",
            refs=refs,
        )
        == 0
    )


async def test_only_partner_systems_and_the_data_team_upload(
    client: httpx.AsyncClient, token: Token
) -> None:
    data = _csv(_row(f"P-{uuid.uuid4().hex[:8]}"))
    denied = await _upload(client, token("coordinator"), data, purpose="identify-families")
    assert denied.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    # A partner system declares identifying individuals to send lists; other purposes refuse.
    other = await _upload(client, _partner(token), data, purpose="coordinate-support")
    assert other.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    # A partner system sends its own organisation's lists only.
    theirs = await _upload(client, _partner(token), data, org="t-org-school")
    assert theirs.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_the_data_team_uploads_for_a_named_partner(
    client: httpx.AsyncClient, token: Token
) -> None:
    analyst = token("data_analyst", user_id="t-user-analyst", organisation_id="t-org-charity")
    data = _csv(_row(f"D-{uuid.uuid4().hex[:8]}"))
    unnamed = await _payload(await _upload(client, analyst, data))
    assert unnamed["errors"][0]["field"] == "organisationId"
    unknown = await _payload(await _upload(client, analyst, data, org="t-org-nowhere"))
    assert unknown["errors"][0]["code"] == "NOT_FOUND"
    named = await _payload(await _upload(client, analyst, data, org="t-org-school"))
    assert named["upload"]["organisationId"] == "t-org-school"


REPORTS = """
query($id: ID!) {
  partnerUpload(id: $id) { id organisationId }
  partnerUploads(first: 100) { edges { node { organisationId } } }
}
"""


async def test_a_partner_reads_its_own_reports_only(
    client: httpx.AsyncClient, token: Token
) -> None:
    school = await _payload(
        await _upload(
            client, _partner(token, "t-org-school"), _csv(_row(f"R-{uuid.uuid4().hex[:8]}"))
        )
    )
    school_id = school["upload"]["id"]

    async def read(bearer: str) -> dict[str, Any]:
        response = await client.post(
            "/graphql",
            json={"query": REPORTS, "variables": {"id": school_id}},
            headers={
                "Authorization": f"Bearer {bearer}",
                "X-Purpose-Of-Use": "identify-individuals",
            },
        )
        body: dict[str, Any] = response.json()
        return body

    own = (await read(_partner(token, "t-org-school")))["data"]
    assert own["partnerUpload"]["id"] == school_id
    assert {e["node"]["organisationId"] for e in own["partnerUploads"]["edges"]} == {"t-org-school"}
    police = (await read(_partner(token, "t-org-police")))["data"]
    assert police["partnerUpload"] is None  # reads exactly like an upload that does not exist
    assert "t-org-school" not in {
        e["node"]["organisationId"] for e in police["partnerUploads"]["edges"]
    }
    analyst = token("data_analyst", user_id="t-user-analyst", organisation_id="t-org-charity")
    everyone = (await read(analyst))["data"]
    assert everyone["partnerUpload"]["id"] == school_id
    practitioner = await read(token("practitioner"))
    assert practitioner["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_an_upload_over_the_size_limit_is_refused_before_it_is_read(
    client: httpx.AsyncClient, token: Token
) -> None:
    too_big = b"x" * (20 * 2**20 + 128 * 1024)
    response = await _upload(client, _partner(token), too_big)
    assert response.status_code == 413


async def test_a_bad_reports_cursor_is_a_clear_error(
    client: httpx.AsyncClient, token: Token
) -> None:
    response = await client.post(
        "/graphql",
        json={"query": 'query { partnerUploads(after: "bm90IGpzb24") { edges { cursor } } }'},
        headers={
            "Authorization": f"Bearer {_partner(token)}",
            "X-Purpose-Of-Use": "identify-individuals",
        },
    )
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
