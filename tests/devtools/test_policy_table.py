"""The README's access table is the policy's own: it fails when they drift apart."""

from __future__ import annotations

from pathlib import Path

from devtools.policy_table import markdown_table
from policy import Policy

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_shows_the_policy_as_it_is() -> None:
    table = markdown_table(Policy.load())
    assert table in README.read_text(), (
        "The policy changed: replace the table in README.md with "
        "`python -m devtools.policy_table`:\n" + table
    )
