"""Loading partners' lists into the real Neo4j: resuming an interrupted upload, sending an earlier
file again, and the data team's command line with its report and exit status."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest_asyncio

from graph import Database, Neo4jSettings, Viewer, uploads
from intake import parse
from services import intake
from services.intake import PartnerList, values

ROOT = Path(__file__).resolve().parent.parent.parent
ORG = "t-intake-org"


async def receive(
    db: Database, data: bytes, *, organisation_id: str, uploaded_by: str, **options: Any
) -> intake.IntakeResult:
    """The service, as the data team or a partner system calls it."""
    actor = Viewer(uploaded_by, organisation_id)
    return await intake.receive(db, actor, PartnerList(data, organisation_id, **options))


HEADER = (
    "partner_reference,given_name,family_name,date_of_birth,address_line1,postcode,criteria,"
    "evidence_date\n"
)


def _csv(refs: list[str], bad: int | None = None) -> bytes:
    rows = [
        f"{ref},Sam,Cole,2010-02-0{1 + i % 9},1 Quay Hill,{'ZZ' if i == bad else 'EX1 1AA'},"
        f"WK1,2026-02-01"
        for i, ref in enumerate(refs)
    ]
    return (HEADER + "\n".join(rows) + "\n").encode()


@pytest_asyncio.fixture(scope="module", loop_scope="session", autouse=True)
async def catalogue(db: Database) -> None:
    async with db.driver.session(database=db.name) as session:
        await (
            await session.run(
                # The criteria are the frameworks' (WK1 is tf2015's): intake writes their nodes.
                "MERGE (:Organisation {id: $org, name: 'Intake Test Partner', sector: 'housing'})",
                org=ORG,
            )
        ).consume()


async def _records(db: Database, refs: list[str]) -> int:
    async with db.driver.session(database=db.name) as session:
        record = await (
            await session.run(
                "MATCH (s:SourceRecord {organisationId: $org}) WHERE s.partnerReference IN $refs "
                "RETURN count(s) AS n",
                org=ORG,
                refs=refs,
            )
        ).single()
    assert record is not None
    return int(record["n"])


async def test_an_interrupted_upload_carries_on_from_its_last_batch(db: Database) -> None:
    # A run that died after its first batch of 3 rows: what it committed stays whole.
    refs2 = [f"S{uuid.uuid4().hex[:6]}-{i}" for i in range(7)]
    data2 = _csv(refs2)
    header = uploads.UploadHeader(ORG, "t", "b.csv", "csv", _sha(data2), False, 7, 7, 0)
    upload = await db.write(uploads.create, header, [])
    assert upload is not None
    rows = await _rows(data2)
    await db.write(uploads.load_batch, upload.id, 0, rows[:3])
    assert await _records(db, refs2) == 3
    # The same file again resumes that upload rather than starting another.
    resumed = await receive(db, data2, organisation_id=ORG, uploaded_by="t", batch_rows=3)
    assert resumed.upload.id == upload.id
    assert resumed.already_received is False
    assert (resumed.upload.status, resumed.upload.loaded_rows) == ("COMPLETE", 7)
    assert (resumed.upload.created, resumed.upload.unchanged) == (7, 0)
    assert await _records(db, refs2) == 7
    # A batch that is not the next one is refused whole (another run got there first).
    assert await db.write(uploads.load_batch, upload.id, 3, rows[3:6]) is None


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


async def _rows(data: bytes) -> list[dict[str, Any]]:
    parsed = parse(data, format="csv", known_criteria=frozenset({"WK1"}), today=dt.date.today())
    return [values(row) for row in parsed.accepted]


def _cli(
    neo4j: Neo4jSettings, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = (
        os.environ
        | (env or {})
        | {
            "NEO4J_URI": neo4j.uri,
            "NEO4J_USER": neo4j.user,
            "NEO4J_PASSWORD": neo4j.password,
        }
    )
    return subprocess.run(  # noqa: S603 - our own module, fixed arguments
        [sys.executable, "-m", "devtools.intake_command", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


async def test_the_command_line_loads_a_list_and_prints_its_report(
    db: Database, neo4j_settings: Neo4jSettings, tmp_path: Path
) -> None:
    refs = [f"C{uuid.uuid4().hex[:6]}-{i}" for i in range(3)]
    listing = tmp_path / "housing.csv"
    listing.write_bytes(_csv(refs, bad=1))
    result = _cli(neo4j_settings, str(listing), "--organisation", ORG, "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert (report["rowsRead"], report["accepted"], report["rejected"]) == (3, 2, 1)
    assert report["rejections"][0]["code"] == "INVALID_POSTCODE"
    assert await _records(db, refs) == 2
    again = _cli(neo4j_settings, str(listing), "--organisation", ORG)
    assert again.returncode == 0
    assert "Already received" in again.stdout


def test_the_command_line_refuses_a_malformed_file_clearly(
    neo4j_settings: Neo4jSettings, tmp_path: Path
) -> None:
    listing = tmp_path / "broken.csv"
    listing.write_bytes(b"\xff\xfe not utf-8")
    result = _cli(neo4j_settings, str(listing), "--organisation", ORG)
    assert result.returncode == 1
    assert result.stderr.startswith(f"{listing}: NOT_UTF8: the file is not UTF-8")
    assert result.stderr.count("NOT_UTF8") == 1
    missing = _cli(neo4j_settings, str(tmp_path / "absent.csv"), "--organisation", ORG)
    assert missing.returncode == 2
    assert "cannot read" in missing.stderr
    unknown = tmp_path / "ok.csv"
    unknown.write_bytes(_csv(["U-1"]))
    result = _cli(neo4j_settings, str(unknown), "--organisation", "t-nobody")
    assert result.returncode == 1
    assert "No organisation has the id 't-nobody'" in result.stderr


def _dated_csv(ref: str, due: dt.date | None, evidence: dt.date) -> bytes:
    cell = due.isoformat() if due else ""
    return (
        HEADER.rstrip("\n")
        + ",expected_due_date\n"
        + f"{ref},Rae,Cole,1996-05-04,1 Quay Hill,EX1 1AA,WK1,{evidence.isoformat()},{cell}\n"
    ).encode()


async def _due_dates(db: Database, ref: str) -> tuple[Any, list[Any]]:
    """The record's due date now, and those of its history, newest first."""
    async with db.driver.session(database=db.name) as session:
        record = await (
            await session.run(
                "MATCH (s:SourceRecord {organisationId: $org, partnerReference: $ref}) "
                "OPTIONAL MATCH (s)-[:PREVIOUS*]->(v:SourceRecordVersion) "
                "WITH s, v ORDER BY v.version DESC "
                "RETURN s.expectedDueDate AS now, collect(v.expectedDueDate) AS before",
                org=ORG,
                ref=ref,
            )
        ).single()
    assert record is not None
    return _native(record["now"]), [_native(d) for d in record["before"]]


def _native(value: Any) -> Any:
    return None if value is None else value.to_native()


async def test_a_due_date_is_stored_and_a_correction_keeps_the_one_it_replaced(
    db: Database,
) -> None:
    ref = f"E{uuid.uuid4().hex[:6]}"
    evidence = dt.date.today() - dt.timedelta(days=10)
    due, later = evidence + dt.timedelta(days=120), evidence + dt.timedelta(days=127)
    first = await receive(db, _dated_csv(ref, due, evidence), organisation_id=ORG, uploaded_by="t")
    assert first.upload.created == 1
    assert await _due_dates(db, ref) == (due, [])
    # The same row in another file (another fingerprint of the file, not of the row): unchanged.
    again = _dated_csv(ref, due, evidence).replace(b"\n", b"\r\n")
    same = await receive(db, again, organisation_id=ORG, uploaded_by="t")
    assert (same.already_received, same.upload.unchanged, same.upload.updated) == (False, 1, 0)
    assert await _due_dates(db, ref) == (due, [])
    moved = await receive(
        db, _dated_csv(ref, later, evidence), organisation_id=ORG, uploaded_by="t"
    )
    assert moved.upload.updated == 1
    assert await _due_dates(db, ref) == (later, [due])
    # A correction without the date removes it; history keeps both dates it had.
    gone = await receive(db, _dated_csv(ref, None, evidence), organisation_id=ORG, uploaded_by="t")
    assert gone.upload.updated == 1
    assert await _due_dates(db, ref) == (None, [later, due])


async def test_a_bad_due_date_rejects_its_row_and_writes_nothing_of_it(db: Database) -> None:
    ref = f"B{uuid.uuid4().hex[:6]}"
    evidence = dt.date.today() - dt.timedelta(days=10)
    data = _dated_csv(ref, evidence + dt.timedelta(days=301), evidence)
    result = await receive(db, data, organisation_id=ORG, uploaded_by="t")
    assert (result.upload.status, result.upload.accepted, result.upload.rejected) == (
        "REJECTED",
        0,
        1,
    )
    [(_, rejection)] = await db.read(uploads.rejections, result.upload.id, None, 10)
    assert (rejection.field, rejection.code) == ("expected_due_date", "DUE_DATE_TOO_LATE")
    assert await _records(db, [ref]) == 0


async def _uploads(db: Database) -> int:
    async with db.driver.session(database=db.name) as session:
        record = await (
            await session.run(
                "MATCH (u:Upload {organisationId: $org}) RETURN count(u) AS n", org=ORG
            )
        ).single()
    assert record is not None
    return int(record["n"])


async def test_the_command_line_refuses_a_file_with_nothing_loadable_and_writes_nothing(
    db: Database, neo4j_settings: Neo4jSettings, tmp_path: Path
) -> None:
    before = await _uploads(db)
    headerless = _csv([f"H{uuid.uuid4().hex[:6]}"]).split(b"\n", 1)[1]
    for name, data, code in (
        ("header.csv", HEADER.encode(), "NO_ROWS"),
        ("blank.csv", (HEADER + ",,,\n\n").encode(), "NO_ROWS"),
        ("headerless.csv", headerless, "NO_HEADER"),
    ):
        listing = tmp_path / name
        listing.write_bytes(data)
        for extra in ((), ("--json",)):
            result = _cli(neo4j_settings, str(listing), "--organisation", ORG, *extra)
            assert result.returncode == 1, result
            assert result.stderr.startswith(f"{listing}: {code}: "), result.stderr
            assert result.stderr.count(code) == 1
            assert "Cole" not in result.stderr  # the data row is never repeated back
            assert result.stdout == ""
    assert await _uploads(db) == before


async def test_the_command_line_sends_an_earlier_file_again_as_a_correction(
    db: Database, neo4j_settings: Neo4jSettings, tmp_path: Path
) -> None:
    ref = f"R{uuid.uuid4().hex[:6]}"
    first, newer = tmp_path / "first.csv", tmp_path / "newer.csv"
    first.write_bytes(_csv([ref]))
    newer.write_bytes(_csv([ref]).replace(b",Sam,", b",Samuel,"))
    assert _cli(neo4j_settings, str(first), "--organisation", ORG).returncode == 0
    assert _cli(neo4j_settings, str(newer), "--organisation", ORG).returncode == 0
    again = _cli(neo4j_settings, str(first), "--organisation", ORG, "--json")
    assert again.returncode == 0, again.stderr
    report = json.loads(again.stdout)
    assert (report["alreadyReceived"], report["updated"], report["unchanged"]) == (False, 1, 0)
    async with db.driver.session(database=db.name) as session:
        record = await (
            await session.run(
                "MATCH (s:SourceRecord {organisationId: $org, partnerReference: $ref}) "
                "RETURN s.givenName AS name, s.version AS version",
                org=ORG,
                ref=ref,
            )
        ).single()
    assert record is not None
    assert (record["name"], record["version"]) == ("Sam", 3)
    retried = _cli(neo4j_settings, str(first), "--organisation", ORG)
    assert retried.returncode == 0
    assert f"Already received as upload {report['uploadId']}" in retried.stdout


def test_the_command_line_report_never_repeats_a_cell_and_takes_no_fixed_abode(
    neo4j_settings: Neo4jSettings, tmp_path: Path
) -> None:
    refs = [f"P{uuid.uuid4().hex[:6]}-{i}" for i in range(2)]
    text = _csv(refs).decode().replace("EX1 1AA", "zz99 3vz")
    text = text.replace("WK1,2026-02-01\n", "WK1;Jane Smith DV risk,2026-02-01\n", 1)
    listing = tmp_path / "mixed.csv"
    listing.write_text(text)
    result = _cli(neo4j_settings, str(listing), "--organisation", ORG, "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert (report["accepted"], report["rejected"]) == (1, 1)  # the no-fixed-abode row loads
    [rejection] = report["rejections"]
    assert (rejection["code"], rejection["field"]) == ("UNKNOWN_CRITERION", "criteria")
    assert "JANE" not in result.stdout.upper()
    text_report = _cli(neo4j_settings, str(listing), "--organisation", ORG)
    assert "Already received" in text_report.stdout
    assert "JANE" not in text_report.stdout.upper()


async def test_an_interrupted_upload_followed_by_another_is_not_resumed_but_loaded_anew(
    db: Database,
) -> None:
    refs = [f"I{uuid.uuid4().hex[:6]}-{i}" for i in range(4)]
    data = _csv(refs)
    header = uploads.UploadHeader(ORG, "t", "a.csv", "csv", _sha(data), False, 4, 4, 0)
    stale = await db.write(uploads.create, header, [])
    assert stale is not None
    await db.write(uploads.load_batch, stale.id, 0, (await _rows(data))[:2])
    # A newer list corrects the first two rows; then the first list is sent again.
    newer = await receive(
        db, data.replace(b",Sam,", b",Samuel,"), organisation_id=ORG, uploaded_by="t"
    )
    assert (newer.upload.updated, newer.upload.created) == (2, 2)
    again = await receive(db, data, organisation_id=ORG, uploaded_by="t", batch_rows=3)
    assert again.upload.id not in {stale.id, newer.upload.id}
    assert (again.already_received, again.upload.status) == (False, "COMPLETE")
    assert (again.upload.updated, again.upload.unchanged) == (4, 0)
    [was] = await db.read(uploads.by_ids, [stale.id], None)
    assert (was.status, was.loaded_rows) == ("INTERRUPTED", 2)
    async with db.driver.session(database=db.name) as session:
        result = await session.run(
            "MATCH (s:SourceRecord {organisationId: $org}) WHERE s.partnerReference IN $refs "
            "RETURN collect(DISTINCT s.givenName) AS names",
            org=ORG,
            refs=refs,
        )
        record = await result.single()
    assert record is not None
    assert record["names"] == ["Sam"]


async def test_the_command_line_accepts_every_frameworks_indicators(
    db: Database, neo4j_settings: Neo4jSettings, tmp_path: Path
) -> None:
    # The frameworks are the catalogue: 2022 codes and a council's own are accepted, as 2015's.
    plan = tmp_path / "frameworks"
    plan.mkdir()
    (plan / "local.json").write_text(json.dumps(LOCAL_PLAN))
    ref = f"F{uuid.uuid4().hex[:6]}"
    evidence = (dt.date.today() - dt.timedelta(days=5)).isoformat()
    listing = tmp_path / "health.csv"
    listing.write_text(
        HEADER
        + f"{ref}-1,Sam,Cole,2010-02-01,1 Quay Hill,EX1 1AA,SF-HLT-1;WK1,{evidence}\n"
        + f"{ref}-2,Kim,Cole,1980-02-01,1 Quay Hill,EX1 1AA,LOCAL-CLI-1,{evidence}\n"
        + f"{ref}-3,Lou,Cole,1981-02-01,1 Quay Hill,EX1 1AA,NOT-A-CODE,{evidence}\n"
    )
    env = {"EHG_FRAMEWORKS_DIR": str(plan)}
    result = _cli(neo4j_settings, str(listing), "--organisation", ORG, "--json", env=env)
    report = json.loads(result.stdout)
    assert (report["accepted"], report["rejected"]) == (2, 1)
    assert [(r["field"], r["code"]) for r in report["rejections"]] == [
        ("criteria", "UNKNOWN_CRITERION")
    ]
    assert await _records(db, [f"{ref}-1", f"{ref}-2", f"{ref}-3"]) == 2
    # A council's file that is wrong refuses the list, saying why; nothing is loaded.
    (plan / "local.json").write_text(json.dumps(dict(LOCAL_PLAN, evidence_months="a year")))
    again = tmp_path / "again.csv"
    again.write_text(HEADER + f"{ref}-9,Sam,Cole,2010-02-01,1 Quay Hill,EX1 1AA,WK1,{evidence}\n")
    refused = _cli(neo4j_settings, str(again), "--organisation", ORG, env=env)
    assert refused.returncode == 1
    assert "evidence_months must be a whole number of months, not a string" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert await _records(db, [f"{ref}-9"]) == 0


LOCAL_PLAN = {
    "id": "local-cli",
    "version": "1.0",
    "name": "A council's local outcome plan (command line test)",
    "source": "tests/services/test_intake.py",
    "headline_term": "local need",
    "headlines": [{"code": "housing", "name": "Secure housing"}],
    "rule": {"min_headlines": 1, "requires_dependent_child_or_expectant_parent": True},
    "criteria": {"LOCAL-CLI-1": {"headline": "housing", "name": "Sofa surfing (local)"}},
}
