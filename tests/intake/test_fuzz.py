"""Whatever the bytes: a report that loses no row, or MalformedFile, and nothing else."""

from __future__ import annotations

import codecs
import random
from typing import Any

import pytest

from intake import MalformedFile, parse
from tests.intake.samples import KNOWN, TODAY, csv_text, good, jsonl_text

ROWS = [
    good(1, given_name="Zoë", address_line1="Flat 2, 12 Fore Street"),
    good(2, address_line1="12 Fore Street\nHeavitree", family_name='O"Neil'),
    good(3, criteria="CR1|SA1|XX"),
    good(1),
    good(5, nhs_number="", upn="P87820032300A", town="Ystradgynlais ☃"),
    good(6, expected_due_date="2024-09-15"),
    good(7, expected_due_date="2025-01-01"),
]
CSV = codecs.BOM_UTF8 + csv_text(ROWS).replace("\n", "\r\n").encode()
JSONL = jsonl_text(ROWS).encode() + b'[1]\n{"broken\n\n'
OPTIONS: list[dict[str, Any]] = [{}, {"format": "csv"}, {"format": "jsonl"}, {"strict": True}]
ALPHABET = b'abcPR0123456789,;|"{}[]:\\ \t\r\n\x00\xc3\xa9-'


def outcome(data: bytes, options: dict[str, Any]) -> str:
    try:
        upload = parse(data, known_criteria=KNOWN, today=TODAY, max_rows=50, **options)
    except MalformedFile as error:
        refused = error
    else:
        assert len(upload.accepted) + upload.rejected_rows == upload.rows_read
        assert all(r.row_number >= 1 for r in upload.rejections)
        assert all(len(row.row_sha256) == 64 for row in upload.accepted)
        return "parsed"
    assert refused.message
    return str(refused.code)


@pytest.mark.parametrize("base", [CSV, JSONL], ids=["csv", "jsonl"])
def test_every_truncation_of_a_valid_file(base: bytes) -> None:
    seen = {outcome(base[:end], OPTIONS[end % len(OPTIONS)]) for end in range(len(base) + 1)}
    assert {"parsed", "EMPTY", "NOT_UTF8"} <= seen


@pytest.mark.parametrize("seed", range(4))
def test_random_bytes(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(300):
        data = rng.randbytes(rng.randrange(200))
        outcome(data, rng.choice(OPTIONS))


@pytest.mark.parametrize("seed", range(4))
def test_random_text_made_of_the_characters_that_matter(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(300):
        data = bytes(rng.choice(ALPHABET) for _ in range(rng.randrange(300)))
        outcome(data, rng.choice(OPTIONS))


@pytest.mark.parametrize("seed", range(4))
def test_random_edits_of_valid_files(seed: int) -> None:
    rng = random.Random(seed)
    seen: set[str] = set()
    for _ in range(250):
        data = bytearray(rng.choice([CSV, JSONL]))
        for _ in range(rng.randrange(1, 4)):
            at = rng.randrange(len(data))
            edit = rng.randrange(3)
            if edit == 0:
                data[at] = rng.choice(ALPHABET)
            elif edit == 1:
                data.insert(at, rng.choice(ALPHABET))
            else:
                del data[at]
        seen.add(outcome(bytes(data), rng.choice(OPTIONS)))
    assert "parsed" in seen
