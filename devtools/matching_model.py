"""Train the matching model and rewrite domain/matching/model.json.

    python -m devtools.matching_model [--people 50000] [--seed 11] [--out PATH]
    python -m devtools.matching_model --database [--seed 11] [--out PATH]

By default on a synthetic truth set (devtools.synthetic.partner_lists); with ``--database``, on the
records partners' uploads supplied to the database that ``NEO4J_URI`` (with ``NEO4J_USER``,
``NEO4J_PASSWORD``, ``NEO4J_DATABASE``) names: the model learns from the data it links, how common
each name and birth date is there, how often its partners' records differ and how.

Unsupervised either way (no truth is read): u probabilities from 20 million random pairs (seeded,
so the same arguments give the same model), then m probabilities by expectation maximisation over
two blocking rules, same family name and postcode (training the date of birth among others), then
same date of birth (training the names and address), and the prior from what those sessions found,
which Splink works back to all pairs. Some m probabilities are fixed, not trained (see
domain/matching/_comparisons). Commit the new model.json, whose version changes with its content
and is stored on every link and review item it makes, and measure it on another seed with
``python -m bench.matching``.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from pathlib import Path
from typing import Any

import splink
from splink import Linker, block_on
from splink.backends.duckdb import DuckDBAPI

from devtools.synthetic.partner_lists import generate_lists
from domain.matching._columns import columns
from domain.matching._model import MODEL_PATH, Model, dump, untrained_settings, version_of
from domain.matching._record import MatchRecord
from graph import Database, Neo4jSettings
from graph import matching as repository
from intake.reader import parse
from services.matching import records_for_matching

U_PAIRS = 2e7


def records_for(people: int, seed: int) -> list[MatchRecord]:
    lists = generate_lists(people, seed)
    records = []
    for organisation, data in lists.files.items():
        parsed = parse(data, filename="list.csv", known_criteria=lists.criteria, today=lists.as_at)
        records += [MatchRecord.of(organisation, row) for row in parsed.accepted]
    return records


async def _database_records(settings: Neo4jSettings) -> list[MatchRecord]:
    db = Database.connect(settings)
    try:
        rows = await db.read(repository.source_records)
    finally:
        await db.close()
    return records_for_matching(rows)


def train(people: int, seed: int) -> Model:
    """The model trained on the synthetic lists of ``people`` people (seed ``seed``)."""
    source = {"generator": "devtools.synthetic.partner_lists", "people": people, "seed": seed}
    return train_on(records_for(people, seed), seed, source)


def train_on(records: list[MatchRecord], seed: int, source: dict[str, Any]) -> Model:
    """The model trained on ``records`` (unsupervised), saying it was trained on ``source``."""
    if len(records) < 1_000:
        raise ValueError(f"{len(records)} records are too few to train on (1,000 at least)")
    db = DuckDBAPI()
    table = db.register(columns(records), table_name="records")
    linker = Linker(table, untrained_settings(), log_level=logging.INFO)
    training = linker.training
    training.estimate_u_using_random_sampling(max_pairs=U_PAIRS, seed=seed)
    training.estimate_parameters_using_expectation_maximisation(block_on("family_name", "postcode"))
    training.estimate_parameters_using_expectation_maximisation(
        block_on("dob"), populate_probability_two_random_records_match_from_trained_values=True
    )
    settings = _rounded(linker.misc.save_model_to_json())
    db.duckdb_con.close()
    prior = float(settings["probability_two_random_records_match"])
    per_record = round(prior * (len(records) - 1), 6)
    return Model(
        version=version_of(settings, per_record),
        splink=settings,
        matches_per_record=per_record,
        trained_on={**source, "records": len(records), "splink": splink.__version__},
    )


def _rounded(value: Any) -> Any:
    """Floats to 10 significant digits: DuckDB sums in parallel, so the last digits vary."""
    if isinstance(value, float):
        return float(f"{value:.10g}")
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return value


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument(
        "--database", action="store_true", help="train on the records in NEO4J_URI's database"
    )
    args = parser.parse_args(argv)
    if args.database:
        settings = Neo4jSettings.from_env()
        if settings is None:
            sys.exit("--database needs NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD) set")
        records = asyncio.run(_database_records(settings))
        try:
            model = train_on(records, args.seed, {"source": "database", "seed": args.seed})
        except ValueError as error:
            sys.exit(str(error))
    else:
        model = train(args.people, args.seed)
    args.out.write_text(dump(model))
    print(f"model {model.version}: {model.trained_on}; written to {args.out}")


if __name__ == "__main__":
    main()
