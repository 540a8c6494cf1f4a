"""Partner lists over HTTP, as a partner's data officer tries them: an earlier file sent again
corrects the rows back, a retry changes nothing, rejection messages never repeat a cell (in the
answer nor in the stored report), a header-only or headerless file is refused with its code and
writes nothing, and no fixed abode (ZZ99 3VZ) is accepted."""

from __future__ import annotations

import hashlib
import json
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest

from graph import Database
from tests.api.conftest import Token
from tests.api.household_calls import rows

UPLOAD = """
mutation($file: Upload!) {
  uploadPartnerList(file: $file) {
    alreadyReceived
    errors { code field message }
    upload {
      id status rowsRead accepted rejected created updated unchanged
      rejections { edges { node { rowNumber field code message } } }
    }
  }
}
"""
HEADER = (
    "partner_reference,given_name,family_name,date_of_birth,address_line1,postcode,criteria,"
    "evidence_date\n"
)
ORG = "t-org-police"


async def _send(client: httpx.AsyncClient, token: Token, data: bytes) -> dict[str, Any]:
    partner = token("partner_system", user_id=f"t-system-{ORG}", organisation_id=ORG)
    response = await client.post(
        "/graphql",
        headers={"Authorization": f"Bearer {partner}", "X-Purpose-Of-Use": "identify-individuals"},
        data={
            "operations": json.dumps({"query": UPLOAD, "variables": {"file": None}}),
            "map": json.dumps({"0": ["variables.file"]}),
        },
        files={"0": ("list.csv", data, "text/csv")},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body["errors"]
    payload: dict[str, Any] = body["data"]["uploadPartnerList"]
    return payload


def _csv(*lines: str) -> bytes:
    return (HEADER + "".join(line + "\n" for line in lines)).encode()


def _row(ref: str, given: str = "Amelia", criteria: str = "CR1", postcode: str = "EX4 4QJ") -> str:
    return f"{ref},{given},Hughes,2011-04-23,12 Fore Street,{postcode},{criteria},2026-01-10"


async def _uploads(db: Database) -> int:
    [row] = await rows(db, "MATCH (u:Upload) RETURN count(u) AS n")
    return int(row["n"])


async def _history(db: Database, ref: str) -> list[str]:
    """The record's given name now, then those it replaced, newest first."""
    [row] = await rows(
        db,
        "MATCH (s:SourceRecord {sourceKey: $key}) "
        "OPTIONAL MATCH (s)-[:PREVIOUS*]->(v:SourceRecordVersion) "
        "WITH s, v ORDER BY v.version DESC "
        "RETURN s.givenName AS now, collect(v.givenName) AS before",
        key=f"{ORG}|{ref}",
    )
    return [row["now"], *row["before"]]


async def test_an_earlier_file_sent_again_after_a_newer_one_corrects_the_rows_back(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    tag = uuid.uuid4().hex[:8]
    first = _csv(_row(f"A-{tag}", "Amelia"), _row(f"B-{tag}", "Ben"))
    newer = _csv(_row(f"A-{tag}", "Amelie"), _row(f"B-{tag}", "Ben"))
    one = await _send(client, token, first)
    two = await _send(client, token, newer)
    assert (two["alreadyReceived"], two["upload"]["updated"]) == (False, 1)
    before = await _uploads(db)
    # The partner meant to go back to the first list: a new upload, its rows correcting the newer.
    three = await _send(client, token, first)
    assert three["errors"] == []
    assert three["alreadyReceived"] is False
    assert three["upload"]["id"] not in {one["upload"]["id"], two["upload"]["id"]}
    upload = three["upload"]
    assert (upload["status"], upload["created"], upload["updated"], upload["unchanged"]) == (
        "COMPLETE",
        0,
        1,
        1,
    )
    assert await _uploads(db) == before + 1
    assert await _history(db, f"A-{tag}") == ["Amelia", "Amelie", "Amelia"]
    # Sent once more straight after, it is a retry: nothing changes, and the answer says so.
    again = await _send(client, token, first)
    assert (again["alreadyReceived"], again["upload"]["id"]) == (True, upload["id"])
    assert await _uploads(db) == before + 1
    assert await _history(db, f"A-{tag}") == ["Amelia", "Amelie", "Amelia"]


async def test_a_file_that_reads_differently_now_is_a_new_upload(
    client: httpx.AsyncClient,
    token: Token,
    db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tag = uuid.uuid4().hex[:8]
    code = f"T_NEW_{tag}".upper()
    data = _csv(_row(f"N-{tag}", criteria=code))
    refused = (await _send(client, token, data))["upload"]
    assert (refused["status"], refused["accepted"]) == ("REJECTED", 0)
    # A council's framework brings the code into the catalogue: the same bytes now load, so they
    # are not "received".
    plan = {
        "id": f"local-{tag}",
        "version": "1.0",
        "name": "A council's own plan (test)",
        "source": "tests/api/test_uploads_findings_http.py",
        "headline_term": "need",
        "headlines": [{"code": "health", "name": "Health"}],
        "rule": {"min_headlines": 1, "requires_dependent_child_or_expectant_parent": True},
        "criteria": {code: {"headline": "health", "name": "New"}},
    }
    (tmp_path / "plan.json").write_text(json.dumps(plan))
    monkeypatch.setenv("EHG_FRAMEWORKS_DIR", str(tmp_path))
    loaded = await _send(client, token, data)
    assert loaded["alreadyReceived"] is False
    assert (loaded["upload"]["status"], loaded["upload"]["created"]) == ("COMPLETE", 1)


async def test_a_rejection_never_repeats_the_cell_in_the_answer_or_the_stored_report(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    tag = uuid.uuid4().hex[:8]
    data = _csv(
        _row(f"J-{tag}", criteria="CR1;Jane Smith DV risk"),
        _row(f"K-{tag}", postcode="Jane Smith House"),
        f"L-{tag},Amelia,Hughes,Jane Smith 1990,12 Fore Street,EX4 4QJ,CR1,2026-01-10",
    )
    upload = (await _send(client, token, data))["upload"]
    found = [e["node"] for e in upload["rejections"]["edges"]]
    assert [(r["rowNumber"], r["field"], r["code"]) for r in found] == [
        (2, "criteria", "UNKNOWN_CRITERION"),
        (3, "postcode", "INVALID_POSTCODE"),
        (4, "date_of_birth", "INVALID_DATE"),
    ]
    assert found[0]["message"].startswith("criteria code 2 of 2 is not in the criteria catalogue")
    stored = await rows(
        db,
        "MATCH (u:Upload)<-[:OF]-(x:UploadRejection) WHERE u.contentSha256 = $sha "
        "RETURN x.message AS message",
        sha=hashlib.sha256(data).hexdigest(),
    )
    messages = [r["message"] for r in found] + [r["message"] for r in stored]
    assert len(messages) == 6
    for message in messages:
        assert "JANE" not in message.upper()
        assert "SMITH" not in message.upper()


async def test_a_header_only_or_headerless_file_is_refused_and_writes_nothing(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    before = await _uploads(db)
    tag = uuid.uuid4().hex[:8]
    headerless = (
        f"H-{tag},Jane,Smith,2011-04-23,,,,12 Fore Street,,,EX4 4QJ,,,,CR1,2026-01-10\n"
    ).encode()
    for data, code in (
        (HEADER.encode(), "NO_ROWS"),
        ((HEADER + "\n,,,,,,,\n").encode(), "NO_ROWS"),
        (headerless, "NO_HEADER"),
        (headerless.replace(b",", b";"), "NO_HEADER"),
    ):
        payload = await _send(client, token, data)
        assert payload["upload"] is None
        [error] = payload["errors"]
        assert (error["code"], error["field"]) == ("BAD_USER_INPUT", "file")
        assert error["message"].startswith(f"{code}: "), error
        assert error["message"].count(code) == 1
        assert "SMITH" not in error["message"].upper()
    assert await _uploads(db) == before
    assert (
        await rows(db, "MATCH (s:SourceRecord {partnerReference: $r}) RETURN s", r=f"H-{tag}") == []
    )


async def test_no_fixed_abode_is_accepted_and_stored_as_one_postcode(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    tag = uuid.uuid4().hex[:8]
    data = _csv(_row(f"Z-{tag}", postcode="zz99  3vz"), _row(f"Y-{tag}", postcode="ZZ99 3VY"))
    upload = (await _send(client, token, data))["upload"]
    assert (upload["accepted"], upload["rejected"]) == (1, 1)
    assert [e["node"]["rowNumber"] for e in upload["rejections"]["edges"]] == [3]
    [row] = await rows(
        db,
        "MATCH (s:SourceRecord {sourceKey: $key}) RETURN s.postcode AS postcode",
        key=f"{ORG}|Z-{tag}",
    )
    assert row["postcode"] == "ZZ99 3VZ"
