"""``./dev bench linkage``: the matcher against a truth set it has never seen.

    ./dev bench linkage [--people 7000] [--seed 1] [--out DIR] [--accept P] [--review P]

Generates the seven partners' lists of ``bench.linkage_truth`` (written apart from the matcher
and from the project's own synthetic generator), writes them with the truth to DIR, reads them
back through ``intake.parse``, matches them with ``domain.matching.match``, and prints Markdown
for BENCHMARKS.md: precision, recall and F1 over pairs of rows, people over-merged and split,
the review queue, misses by corruption and false merges by kind. DIR also gets misses.csv and
false_merges.csv, one line per pair with both rows, for whoever tunes the matcher. Pure Python
and DuckDB: no Neo4j.
"""

from __future__ import annotations

import argparse
import csv
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from bench.linkage_truth import TruthSet, generate
from bench.linkage_truth.scoring import markdown, score
from bench.machine import machine
from domain.matching import MatchRecord, match
from intake import PartnerRow, parse


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="./dev bench linkage", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--people", type=int, default=7_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=None, help="where to write the lists")
    parser.add_argument(
        "--accept", type=float, help="link from this probability (the matcher's default)"
    )
    parser.add_argument("--review", type=float, help="review from this probability (ditto)")
    args = parser.parse_args(argv)
    if args.people < 100:
        parser.error("--people must be at least 100")
    out: Path = args.out or Path(tempfile.mkdtemp(prefix="linkage-truth-"))
    out.mkdir(parents=True, exist_ok=True)

    started = time.perf_counter()
    truth = generate(args.people, args.seed)
    generated = time.perf_counter()
    for organisation, data in truth.files.items():
        (out / truth.filenames[organisation]).write_bytes(data)
    _write_truth(out / "truth.csv", truth)

    rows: dict[str, PartnerRow] = {}
    records = []
    rejected = 0
    for organisation, name in truth.filenames.items():
        parsed = parse((out / name).read_bytes(), filename=name, known_criteria=truth.criteria,
                       today=truth.as_at)  # fmt: skip
        rejected += parsed.rows_read - len(parsed.accepted)
        for row in parsed.accepted:
            record = MatchRecord.of(organisation, row)
            rows[record.key] = row
            records.append(record)
    parsed_at = time.perf_counter()
    thresholds = {
        k: v for k, v in (("accept", args.accept), ("review", args.review)) if v is not None
    }
    result = match(records, **thresholds)
    matched_at = time.perf_counter()
    report = score(truth, rows, result.clusters, [(p.left, p.right) for p in result.review])
    _write_pairs(out / "misses.csv", report.missed_pairs, rows, truth)
    _write_pairs(out / "false_merges.csv", report.merged_pairs, rows, truth)

    print(f"\nMachine: {machine()}")
    print(
        f"Truth set: {args.people:,} people (seed {args.seed}), {truth.rows:,} rows from "
        f"{len(truth.files)} partners, {rejected} rejected by intake; lists in {out}"
    )
    print(
        f"Generate {generated - started:.1f} s, parse {parsed_at - generated:.1f} s, match "
        f"{matched_at - parsed_at:.1f} s; model {result.model_version}"
        f"{''.join(f', {k} {v}' for k, v in thresholds.items())}\n"
    )
    print(markdown(report))
    return 0


def _write_truth(path: Path, truth: TruthSet) -> None:
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["key", "person", "household", "corruptions"])
        for key, person in truth.truth.items():
            tags = ";".join(f"{k}={v}" for k, v in truth.corruptions[key].items())
            writer.writerow([key, person, truth.households[person], tags])


def _describe(row: PartnerRow) -> str:
    return (
        f"{row.given_name} | {row.family_name} | {row.date_of_birth} | {row.sex or ''} "
        f"| {row.postcode} | {row.nhs_number or ''} | {row.upn or ''}"
    )


def _write_pairs(path: Path, pairs: Sequence[tuple[str, str, tuple[str, ...] | str]],
                 rows: dict[str, PartnerRow], truth: TruthSet) -> None:  # fmt: skip
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["left", "right", "why", "left row", "right row", "left person",
                         "right person"])  # fmt: skip
        for left, right, why in pairs:
            label = ";".join(why) if isinstance(why, tuple) else str(why)
            writer.writerow([left, right, label, _describe(rows[left]), _describe(rows[right]),
                             truth.truth[left], truth.truth[right]])  # fmt: skip


if __name__ == "__main__":
    raise SystemExit(main())
