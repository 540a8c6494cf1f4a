"""Matching benchmark: generate synthetic partner lists, parse, match, and score against the truth.

    python -m bench.matching --people 50000 [--seed 2] [--accept P] [--review P]

Prints one Markdown row for BENCHMARKS.md: rows, parse time (intake.parse of the six CSVs),
match time (domain.matching.match, including Splink's DuckDB session), pairwise precision,
recall and F1 at the given (by default, the default) thresholds, pairs left for review, and the
machine. Pure Python and DuckDB: no Neo4j. Use a seed other than the one the model was trained
on (see model.json's "trained_on").
"""

from __future__ import annotations

import argparse
import time

from bench.machine import machine
from devtools.synthetic.partner_lists import generate_lists
from domain.matching import DEFAULT_ACCEPT, DEFAULT_REVIEW, MatchRecord, evaluate, match
from intake import parse


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=2)
    parser.add_argument("--accept", type=float, default=DEFAULT_ACCEPT)
    parser.add_argument("--review", type=float, default=DEFAULT_REVIEW)
    args = parser.parse_args(argv)

    lists = generate_lists(args.people, args.seed)
    started = time.perf_counter()
    records = []
    for organisation, data in lists.files.items():
        parsed = parse(data, filename="list.csv", known_criteria=lists.criteria, today=lists.as_at)
        records += [MatchRecord.of(organisation, row) for row in parsed.accepted]
    parsed_at = time.perf_counter()
    result = match(records, accept=args.accept, review=args.review)
    matched_at = time.perf_counter()
    scores = evaluate(result, lists.truth)

    print(
        "| rows | people | parse s | match s | precision | recall | F1 | links | review pairs "
        "| accept / review | model | machine |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    print(
        f"| {len(records):,} | {lists.people:,} | {parsed_at - started:.1f} "
        f"| {matched_at - parsed_at:.1f} | {scores.precision:.4f} | {scores.recall:.4f} "
        f"| {scores.f1:.4f} | {len(result.links):,} | {len(result.review):,} "
        f"| {args.accept} / {args.review} | {result.model_version} | {machine()} |"
    )


if __name__ == "__main__":
    main()
