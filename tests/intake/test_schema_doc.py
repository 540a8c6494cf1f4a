"""SCHEMA.md, the partners' copy of the schema, says what the code does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from intake import FIELDS, MAX_BYTES, MAX_ROWS, Field, MalformedCode, RejectionCode, parse
from tests.intake.samples import TODAY, csv_text

DOC = (Path(__file__).resolve().parents[2] / "intake" / "SCHEMA.md").read_text()
TABLE_ROWS = {
    cells[0]: cells[1:]
    for line in DOC.splitlines()
    if line.startswith("| `")
    for cells in [[cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]]]
}
EXAMPLE_CRITERIA = frozenset({"CR1", "CR3", "SA1"})


@pytest.mark.parametrize("field", FIELDS, ids=lambda f: f.name)
def test_each_field_is_documented_with_its_requirement_and_example(field: Field) -> None:
    cells = TABLE_ROWS[f"`{field.name}`"]
    assert cells[0] == ("yes" if field.required else "no")
    assert cells[2] == f"`{field.example}`"


def test_the_documented_fields_are_the_schema_in_its_order() -> None:
    documented = [
        name.strip("`") for name, cells in TABLE_ROWS.items() if cells[0] in {"yes", "no"}
    ]
    assert documented == [f.name for f in FIELDS]


@pytest.mark.parametrize("code", [*RejectionCode, *MalformedCode])
def test_each_code_is_documented(code: str) -> None:
    assert f"`{code}`" in TABLE_ROWS


def test_the_limits_are_documented() -> None:
    assert f"{MAX_BYTES:,} bytes" in DOC
    assert f"{MAX_ROWS:,} rows" in DOC


@pytest.mark.parametrize(("fence", "fmt"), [("csv", "csv"), ("json", "jsonl")])
def test_the_examples_are_accepted(fence: str, fmt: str) -> None:
    [example] = re.findall(rf"```{fence}\n(.*?)```", DOC, flags=re.DOTALL)
    upload = parse(example.encode(), known_criteria=EXAMPLE_CRITERIA, today=TODAY)
    assert (upload.format, upload.rows_read, len(upload.accepted)) == (fmt, 2, 2)


def test_the_field_examples_make_a_valid_row() -> None:
    row = {f.name: f.example for f in FIELDS}
    upload = parse(csv_text([row]).encode(), known_criteria=EXAMPLE_CRITERIA, today=TODAY)
    assert upload.rejections == ()
