"""Load and match partners' lists end to end, on a Neo4j of its own, against the truth.

    .venv/bin/python -m bench.intake_load --people 4000 [--seed 3]

Generates six partners' lists (devtools.synthetic.partner_lists), loads each through the same
loader the upload mutation uses, matches every record to a person (services.matching), scores the
people the graph now holds against the truth, then forms households and families and assesses them
under tf2015 (whose criteria the lists use). The score is pairwise precision and recall over
records: two records are a true pair when they are about the same true person, a predicted pair
when the graph made them one person. Households are scored the same way over the true people on the
lists: a true pair lives in one true household now, a predicted pair is in one current household in
the graph (the current address where the graph has no households).
Prints Markdown rows for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import datetime as dt
import random
import time
from collections.abc import Iterable
from pathlib import Path

from bench.machine import machine
from devtools.local_neo4j import configured_or_local
from devtools.synthetic.demo import generate, load
from devtools.synthetic.partner_lists import generate_lists
from devtools.synthetic.partner_lists._population import Person, populate
from domain.eligibility import builtin_frameworks
from graph import Database, Viewer, migrate
from services import eligibility, households, intake, matching

ROOT = Path(__file__).resolve().parent.parent
BENCH = Viewer("bench", "org-devon-county-council")


def _pairs(groups: Iterable[int]) -> int:
    return sum(n * (n - 1) // 2 for n in groups)


async def _score(db: Database, truth: dict[str, str]) -> tuple[float, float, int]:
    async with db.driver.session(database=db.name) as session:
        result = await session.run(
            "MATCH (s:SourceRecord)-[:ABOUT]->(p:Person) WHERE s.sourceKey IS NOT NULL "
            "RETURN s.sourceKey AS key, p.id AS person"
        )
        person_of = {r["key"]: r["person"] async for r in result}
    keys = [k for k in truth if k in person_of]
    predicted = collections.Counter(person_of[k] for k in keys)
    actual = collections.Counter(truth[k] for k in keys)
    both = collections.Counter((person_of[k], truth[k]) for k in keys)
    true_positive = _pairs(both.values())
    precision = true_positive / max(_pairs(predicted.values()), 1)
    recall = true_positive / max(_pairs(actual.values()), 1)
    return precision, recall, len(predicted)


def _true_households(people: int, seed: int, as_at: dt.date) -> dict[str, str]:
    """True person id -> their household now, from the population behind the lists.

    The generator draws a fresh UPRN for every household it makes, so the people at one UPRN are
    the people of one draw; the draws of three or more adults and no child are its houses in
    multiple occupation, where each person is a household of their own (every other draw with
    three or more people has a child in it)."""
    # generate_lists draws the population first from random.Random(seed): the same people.
    population = populate(random.Random(seed), people, as_at)[:people]
    by_uprn: dict[str, list[Person]] = collections.defaultdict(list)
    for person in population:
        by_uprn[person.address.uprn].append(person)
    household: dict[str, str] = {}
    for uprn, members in by_uprn.items():
        adults_only = all(_age(p.date_of_birth, as_at) >= 18 for p in members)
        shared = adults_only and len(members) >= 3
        for person in members:
            household[person.id] = f"{uprn}|{person.id}" if shared else uprn
    return household


def _age(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


async def _score_households(
    db: Database, truth: dict[str, str], households: dict[str, str]
) -> tuple[float, float]:
    """Pairwise precision and recall of "in one household now" over the true people listed."""
    async with db.driver.session(database=db.name) as session:
        result = await session.run(
            "MATCH (s:SourceRecord)-[:ABOUT]->(p:Person) WHERE s.sourceKey IS NOT NULL "
            "WITH DISTINCT p "
            "OPTIONAL MATCH (p)-[:IN_HOUSEHOLD]->(h:Household) WHERE h.to IS NULL "
            "OPTIONAL MATCH (p)-[l:LIVES_AT]->(a:Address) WHERE l.to IS NULL "
            "RETURN p.id AS person, coalesce(min(h.id), min(a.id)) AS household"
        )
        household_of = {r["person"]: r["household"] async for r in result}
        result = await session.run(
            "MATCH (s:SourceRecord)-[:ABOUT]->(p:Person) WHERE s.sourceKey IS NOT NULL "
            "RETURN s.sourceKey AS key, p.id AS person"
        )
        person_of = {r["key"]: r["person"] async for r in result}
    # Each true person is where the graph person most of their records are about lives.
    votes: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for key, true_person in truth.items():
        if key in person_of:
            votes[true_person][person_of[key]] += 1
    placed = {
        true_person: household_of.get(counter.most_common(1)[0][0])
        for true_person, counter in votes.items()
    }
    keys = [p for p, h in placed.items() if h is not None]
    predicted = collections.Counter(placed[p] for p in keys)
    actual = collections.Counter(households[p] for p in keys)
    both = collections.Counter((placed[p], households[p]) for p in keys)
    true_positive = _pairs(both.values())
    return (
        true_positive / max(_pairs(predicted.values()), 1),
        true_positive / max(_pairs(actual.values()), 1),
    )


async def _run(people: int, seed: int) -> None:
    lists = generate_lists(people, seed)
    with configured_or_local(ROOT / ".local" / "neo4j" / "bench-intake", heap="2g") as neo4j:
        db = Database.connect(neo4j)
        try:
            async with db.driver.session(database=db.name) as session:
                await (
                    await session.run(
                        "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
                    )
                ).consume()
            await migrate(db)
            await load(db, generate(20, seed=1))  # the catalogue: partners and criteria
            started = time.perf_counter()
            for organisation, data in lists.files.items():
                await intake.receive(
                    db, BENCH, intake.PartnerList(data, organisation, filename="l.csv")
                )
            loaded = time.perf_counter() - started
            run = await matching.match(db, BENCH, matching.Matching())
            precision, recall, formed = await _score(db, lists.truth)
            started = time.perf_counter()
            forming = households.Forming(today=lists.as_at)
            families = await households.form(db, BENCH, forming)
            form_seconds = time.perf_counter() - started
            started = time.perf_counter()
            again = await households.form(db, BENCH, forming)  # the same data: no change
            again_seconds = time.perf_counter() - started
            true_households = _true_households(people, seed, lists.as_at)
            household_scores = await _score_households(db, lists.truth, true_households)
            started = time.perf_counter()
            framework = next(f for f in builtin_frameworks() if f.id == "tf2015")
            assessing = eligibility.Assessing(framework, as_at=lists.as_at)
            assessed = await eligibility.assess(db, BENCH, assessing)
            assess_seconds = time.perf_counter() - started
        finally:
            await db.close()
    print(f"\nMachine: {machine()}")
    print(
        f"Lists: {lists.rows} rows about {lists.people} people from {len(lists.files)} partners "
        f"(seed {seed}); model {run.model_version}\n"
    )
    print("| rows | load s | match s | people formed | review pairs | precision | recall |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    print(
        f"| {lists.rows} | {loaded:.1f} | {run.seconds:.1f} | {formed} | {run.reviews_added} "
        f"| {precision:.4f} | {recall:.4f} |"
    )
    print(
        "\n| households now | households ended | shared addresses | families formed "
        "| linked across addresses | form s | form again s (changed) | assess s (tf2015) |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    changed = again.households_created + again.households_ended + again.members_added
    print(
        f"| {families.households} | {families.households_ended} | {families.shared_addresses} "
        f"| {families.families_created} | {families.linked_across_addresses} "
        f"| {form_seconds:.1f} | {again_seconds:.1f} ({changed}) | {assess_seconds:.1f} |"
    )
    print(
        f"\nHouseholds now, pairwise: precision {household_scores[0]:.4f}, "
        f"recall {household_scores[1]:.4f}"
    )
    print(f"\nStatuses under tf2015: {dict(sorted(assessed.by_status.items()))}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.intake_load")
    parser.add_argument("--people", type=int, default=4000)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args(argv)
    asyncio.run(_run(args.people, args.seed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
