"""``python -m devtools.synthetic --people N --seed S``: migrate, then load a synthetic dataset.

Loads into the server named by ``NEO4J_URI``, or else a local Neo4j kept under .local/neo4j/run
(started for the run and stopped after it).
"""

from __future__ import annotations

import argparse
import asyncio
import time
from collections.abc import Sequence
from pathlib import Path

from devtools.local_neo4j import configured_or_local
from devtools.synthetic.demo.generate import generate
from devtools.synthetic.demo.load import LoadReport, load
from graph.database import Database
from graph.migrations import migrate


def _at_least_one(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m devtools.synthetic",
        description="Generate reproducible synthetic Early Help data and load it into Neo4j.",
    )
    parser.add_argument(
        "--people",
        type=_at_least_one,
        default=1000,
        help="how many people to generate (default 1000)",
    )
    parser.add_argument(
        "--seed",
        type=_at_least_one,
        default=1,
        help="random seed; the same seed gives the same data (default 1)",
    )
    parser.add_argument(
        "--batch-size",
        type=_at_least_one,
        default=5000,
        help="rows per write transaction (default 5000)",
    )
    return parser.parse_args(argv)


async def _run(db: Database, people: int, seed: int, batch_size: int) -> LoadReport:
    await migrate(db)
    started = time.perf_counter()
    dataset = generate(people, seed)
    print(f"generated {people:,} people (seed {seed}) in {time.perf_counter() - started:.1f}s")
    return await load(db, dataset, batch_size=batch_size)


async def _main(people: int, seed: int, batch_size: int) -> None:
    with configured_or_local(Path(".local/neo4j/run")) as settings:
        db = Database.connect(settings)
        try:
            print(await _run(db, people, seed, batch_size))
        finally:
            await db.close()


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    asyncio.run(_main(args.people, args.seed, args.batch_size))


if __name__ == "__main__":
    main()
