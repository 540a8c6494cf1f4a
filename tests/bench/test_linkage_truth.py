"""The independent linkage truth set: deterministic, valid for intake, every corruption and every
hazard present, and a truth that agrees with the files."""

from __future__ import annotations

import ast
import csv
import hashlib
import io
import json
import os
import random
import subprocess
import sys
from collections import Counter
from datetime import date
from itertools import combinations
from pathlib import Path

import pytest

from bench.linkage_truth import CORRUPTIONS, HAZARDS, TruthSet, generate
from bench.linkage_truth.population import (
    NAMESAKES,
    NEAR_NAMED_TWINS,
    NEAR_NAMESAKES,
    TWINS,
    build,
)
from bench.linkage_truth.scoring import NONE, PLACEHOLDER_DATES, score
from bench.linkage_truth.scripts import is_cyrillic
from intake import RejectionCode, parse
from intake.identifiers import nhs_number, upn

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def truth() -> TruthSet:
    return generate(3_000, seed=4)


def _rows(truth: TruthSet) -> dict[str, dict[str, str]]:
    """Every row of every file by its key, as the partner wrote it."""
    rows: dict[str, dict[str, str]] = {}
    for organisation, data in truth.files.items():
        text = data.decode()
        if truth.filenames[organisation].endswith(".jsonl"):
            records = [json.loads(line) for line in text.splitlines()]
        else:
            records = list(csv.DictReader(io.StringIO(text)))
        for record in records:
            rows[f"{organisation}|{record['partner_reference']}"] = record
    return rows


def test_the_same_seed_gives_the_same_bytes_and_another_seed_does_not() -> None:
    first, again, other = generate(400, seed=9), generate(400, seed=9), generate(400, seed=10)
    assert first.files == again.files
    assert first.truth == again.truth
    assert first.corruptions == again.corruptions
    assert first.hazards == again.hazards
    assert first.files != other.files


def test_the_files_parse_with_few_rejections_and_only_mistyped_nhs_numbers(
    truth: TruthSet,
) -> None:
    assert len(truth.files) == 7
    read = rejected = 0
    for organisation, data in truth.files.items():
        parsed = parse(
            data,
            filename=truth.filenames[organisation],
            known_criteria=truth.criteria,
            today=truth.as_at,
        )
        read += parsed.rows_read
        rejected += parsed.rows_read - len(parsed.accepted)
        assert {r.code for r in parsed.rejections} <= {RejectionCode.INVALID_NHS_NUMBER}
        keys = {f"{organisation}|{row.partner_reference}" for row in parsed.accepted}
        assert keys <= truth.truth.keys()
    assert read == truth.rows
    assert rejected <= read * 0.01


def test_the_criteria_are_those_of_the_2015_framework() -> None:
    framework = json.loads((ROOT / "domain/eligibility/frameworks/tf2015.json").read_text())
    assert generate(100, seed=1).criteria <= set(framework["criteria"])


def test_the_truth_covers_every_row_and_names_real_people(truth: TruthSet) -> None:
    rows = _rows(truth)
    assert rows.keys() == truth.truth.keys() == truth.corruptions.keys()
    people = set(truth.truth.values())
    assert people <= truth.households.keys()
    assert len(truth.households) == truth.population
    for pair, kind in truth.hazards.items():
        assert len(pair) == 2
        assert pair <= truth.households.keys()
        assert kind in HAZARDS
    # Most people are on more than one list, so there is something to link.
    per_person = Counter(truth.truth.values())
    assert sum(per_person.values()) / len(per_person) > 1.4
    assert max(per_person.values()) <= 7


def test_every_corruption_occurs_alone_between_two_rows_of_one_person(truth: TruthSet) -> None:
    seen = Counter(kind for tags in truth.corruptions.values() for kind in tags)
    assert set(seen) == set(CORRUPTIONS)
    clusters: dict[str, list[str]] = {}
    for key, person in truth.truth.items():
        clusters.setdefault(person, []).append(key)
    report = score(truth, truth.truth, clusters.values(), [])
    alone = {kind for kind, tally in report.misses.items() if tally.pairs > 0}
    assert set(CORRUPTIONS) <= alone


def test_every_hazard_occurs(truth: TruthSet) -> None:
    assert set(truth.hazards.values()) == set(HAZARDS)


def test_corruptions_show_in_the_rows(truth: TruthSet) -> None:
    rows = _rows(truth)
    for key, tags in truth.corruptions.items():
        row = rows[key]
        born = row["date_of_birth"]
        if "dob_unknown" in tags:
            assert born == "1900-01-01"
        if "dob_year_only" in tags:
            assert born.endswith("-01-01")
        if "script" in tags:
            assert is_cyrillic(row["given_name"])
            assert is_cyrillic(row["family_name"])
        elif "translit" not in tags:
            assert not is_cyrillic(row["given_name"] + row["family_name"])
        if "suffix_jr" in tags:
            assert "Jr" in row["given_name"] + " " + row["family_name"]
        if "double_barrel_half" in tags and "name_swap" not in tags:
            assert "-" not in row["family_name"]


def test_rows_of_one_person_agree_where_no_corruption_differs(truth: TruthSet) -> None:
    rows = _rows(truth)
    by_person: dict[str, list[str]] = {}
    for key, person in truth.truth.items():
        by_person.setdefault(person, []).append(key)
    checked = 0
    for keys in by_person.values():
        for a, b in combinations(keys, 2):
            if truth.corruptions[a] or truth.corruptions[b]:
                continue
            for field in ("given_name", "family_name", "date_of_birth", "address_line1"):
                assert rows[a][field] == rows[b][field]
            assert (
                rows[a]["postcode"].replace(" ", "").upper()
                == rows[b]["postcode"].replace(" ", "").upper()
            )
            checked += 1
    assert checked > 500


def test_twins_share_a_birth_date_and_a_home_and_namesakes_live_elsewhere() -> None:
    population = build(3_000, random.Random(2))
    people = {p.pid: p for p in population.people}
    kinds = Counter(population.hazards.values())
    assert kinds[TWINS]
    assert kinds[NEAR_NAMED_TWINS]
    assert kinds[NAMESAKES]
    assert kinds[NEAR_NAMESAKES]
    for pair, kind in population.hazards.items():
        one, other = (people[pid] for pid in sorted(pair))
        if kind in (TWINS, NEAR_NAMED_TWINS):
            assert (one.dob, one.address, one.household) == (other.dob, other.address,
                                                             other.household)  # fmt: skip
            assert one.given.latin != other.given.latin
        if kind == NEAR_NAMED_TWINS:
            a, b = one.given.latin, other.given.latin
            assert (len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 1) or (
                abs(len(a) - len(b)) == 1 and (a.startswith(b) or b.startswith(a))
            )
        if kind in (NAMESAKES, NEAR_NAMESAKES):
            assert (one.given, one.family) == (other.given, other.family)
            assert one.address.town != other.address.town
            assert abs((one.dob - other.dob).days) < 366
            assert (one.dob == other.dob) == (kind == NAMESAKES)
            assert one.nhs is None or one.nhs != other.nhs


def test_identifiers_carry_valid_check_characters_and_are_unique() -> None:
    population = build(2_000, random.Random(3))
    numbers = [p.nhs for p in population.people if p.nhs is not None]
    pupils = [p.upn for p in population.people if p.upn is not None]
    assert len(numbers) > 0.9 * len(population.people)
    assert pupils
    assert all(nhs_number(n) == n for n in numbers)
    assert all(upn(u) == u for u in pupils)
    assert len(set(numbers)) == len(numbers)
    assert len(set(pupils)) == len(pupils)
    born = [p.dob for p in population.people]
    assert all(date(1920, 1, 1) < d < date(2026, 12, 1) for d in born)


def test_scoring_counts_misses_false_merges_and_the_review_queue(truth: TruthSet) -> None:
    by_person: dict[str, list[str]] = {}
    for key, person in truth.truth.items():
        by_person.setdefault(person, []).append(key)
    perfect = score(truth, truth.truth, by_person.values(), [])
    assert (perfect.precision, perfect.recall) == (1.0, 1.0)
    assert perfect.split_people == perfect.over_merged_people == 0
    assert sum(t.missed for t in perfect.misses.values()) == 0

    singletons = score(truth, truth.truth, [[k] for k in truth.truth], [])
    assert singletons.recall == 0.0
    assert singletons.precision == 1.0
    assert singletons.split_people == sum(1 for keys in by_person.values() if len(keys) > 1)
    assert singletons.misses[NONE].missed == singletons.misses[NONE].pairs > 0

    # Merge one pair of namesakes, and every row with a placeholder date of birth.
    placeholders = {k for k, tags in truth.corruptions.items() if "dob_unknown" in tags}
    pair = next(
        p
        for p, kind in truth.hazards.items()
        if kind == NAMESAKES
        and all(by_person.get(pid) and not placeholders & set(by_person[pid]) for pid in p)
    )
    first, second = sorted(pair)
    merged = [by_person[first] + by_person[second], sorted(placeholders)]
    rest = [keys for pid, keys in by_person.items() if pid not in pair]
    rest = [[k for k in keys if k not in placeholders] for keys in rest]
    review = [(by_person[first][0], by_person[second][0])]
    report = score(truth, truth.truth, merged + [keys for keys in rest if keys], review)
    assert report.false_merges[NAMESAKES] == len(by_person[first]) * len(by_person[second])
    assert report.false_merges[PLACEHOLDER_DATES] > 0
    assert report.hazards[NAMESAKES].missed >= report.false_merges[NAMESAKES]
    assert report.review_pairs == 1
    assert report.review_records == 2
    assert report.precision < 1.0


def test_the_generator_reads_nothing_of_the_matcher_or_the_other_generator() -> None:
    allowed = {"bench", "__future__"}
    for path in (ROOT / "bench" / "linkage_truth").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                assert top in allowed or top in _STANDARD, f"{path.name} imports {name}"
                assert not name.startswith("bench.") or name.startswith("bench.linkage_truth")


_STANDARD = {"calendar", "collections", "csv", "dataclasses", "datetime", "io", "itertools",
             "json", "random", "typing", "unicodedata"}  # fmt: skip


@pytest.mark.parametrize("seed", range(6))
def test_any_seed_gives_lists_intake_accepts(seed: int) -> None:
    truth = generate(400, seed=seed)
    accepted = sum(
        len(
            parse(
                data,
                filename=truth.filenames[organisation],
                known_criteria=truth.criteria,
                today=truth.as_at,
            ).accepted
        )
        for organisation, data in truth.files.items()
    )
    assert accepted >= truth.rows * 0.98


def test_another_process_with_another_hash_seed_gives_the_same_bytes() -> None:
    script = (
        "import hashlib, sys\n"
        "from bench.linkage_truth import generate\n"
        "truth = generate(300, seed=7)\n"
        "digest = hashlib.sha256()\n"
        "for organisation in sorted(truth.files):\n"
        "    digest.update(truth.files[organisation])\n"
        "print(digest.hexdigest())\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": str(ROOT)}
    out = subprocess.run(  # noqa: S603 - this interpreter, a fixed script
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    ).stdout.strip()
    truth = generate(300, seed=7)
    digest = hashlib.sha256()
    for organisation in sorted(truth.files):
        digest.update(truth.files[organisation])
    assert out == digest.hexdigest()
