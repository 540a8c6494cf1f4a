"""``./dev intake``: the data team loads a partner's list from the command line.

    ./dev intake FILE --organisation ORG_ID [--format csv|jsonl] [--strict] [--json]

Uses the server NEO4J_URI names, else starts the local one of ``./dev run`` (stop that first, or
point NEO4J_URI and NEO4J_PASSWORD at it). Exit status: 0 when the upload was recorded (rejected
rows are listed in the report), 1 when the file is malformed or nothing in it could be loaded,
2 for a wrong command line.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import json
import sys
from pathlib import Path
from typing import Any

from devtools.local_neo4j import configured_or_local
from graph import Database, Neo4jSettings, Viewer, migrate, uploads
from intake.reader import MalformedFile
from services.eligibility import FrameworkError
from services.intake import IntakeResult, PartnerList, UnknownOrganisation, receive

ROOT = Path(__file__).resolve().parent.parent


def _report(result: IntakeResult, rejections: list[uploads.Rejection]) -> dict[str, Any]:
    u = result.upload
    return {
        "uploadId": u.id,
        "alreadyReceived": result.already_received,
        "status": u.status,
        "organisationId": u.organisation_id,
        "filename": u.filename,
        "format": u.format,
        "rowsRead": u.rows_read,
        "accepted": u.accepted,
        "rejected": u.rejected,
        "created": u.created,
        "updated": u.updated,
        "unchanged": u.unchanged,
        "rejections": [
            {"row": r.row_number, "field": r.field, "code": r.code, "message": r.message}
            for r in rejections
        ],
    }


def _print_text(report: dict[str, Any]) -> None:
    if report["alreadyReceived"]:
        print(f"Already received as upload {report['uploadId']}: nothing changed.")
    print(
        f"Upload {report['uploadId']} ({report['status']}): {report['rowsRead']} rows read, "
        f"{report['accepted']} accepted, {report['rejected']} rejected; "
        f"{report['created']} new, {report['updated']} corrected, {report['unchanged']} unchanged."
    )
    for r in report["rejections"]:
        field = f" {r['field']}:" if r["field"] else ""
        print(f"  row {r['row']}:{field} {r['code']} - {r['message']}")


async def _run(neo4j: Neo4jSettings, args: argparse.Namespace, data: bytes) -> dict[str, Any]:
    db = Database.connect(neo4j)
    try:
        await migrate(db)
        actor = Viewer(f"command line ({getpass.getuser()})", args.organisation)
        result = await receive(
            db,
            actor,
            PartnerList(
                data,
                organisation_id=args.organisation,
                filename=args.file.name,
                format=args.format,
                strict=args.strict,
            ),
        )
        rejections = [
            r for _, r in await db.read(uploads.rejections, result.upload.id, None, 10**6)
        ]
        return _report(result, rejections)
    finally:
        await db.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="./dev intake", description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path, help="the partner's list (CSV or JSON Lines)")
    parser.add_argument("--organisation", required=True, help="id of the partner that sent it")
    parser.add_argument("--format", choices=["csv", "jsonl"], help="default: from the file name")
    parser.add_argument("--strict", action="store_true", help="load nothing if any row is rejected")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        parser.error(f"cannot read {args.file}: {exc.strerror}")
    try:
        with configured_or_local(ROOT / ".local" / "neo4j" / "run", heap="1g") as neo4j:
            report = asyncio.run(_run(neo4j, args, data))
    except MalformedFile as exc:
        print(f"{args.file}: {exc.code}: {exc.message}", file=sys.stderr)
        return 1
    except UnknownOrganisation:
        print(f"No organisation has the id {args.organisation!r}.", file=sys.stderr)
        return 1
    except FrameworkError as exc:  # the frameworks are the catalogue a list is checked against
        print(f"The eligibility frameworks in force are invalid: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(report, indent=2, default=str))
    else:
        _print_text(report)
    return 0 if report["status"] == "COMPLETE" else 1


if __name__ == "__main__":
    raise SystemExit(main())
