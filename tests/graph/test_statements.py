"""The Cypher Neo4j receives, committed as files (tests/graph/statements/) a review can read.

Statements assembled from fragments at import are rendered whole, so a change to a fragment shows
in every statement it reaches. The files are written by ``devtools.cypher_snapshot`` (its
docstring says which constants are statements); this test fails while they differ from the code.
"""

from __future__ import annotations

import ast
from pathlib import Path

from devtools import cypher_snapshot

# Tooling runs its own Cypher where it likes; the product keeps every statement a constant.
TOOLING = frozenset({"bench", "devtools"})


def test_statement_files_are_the_statements_of_the_code() -> None:
    drift = cypher_snapshot.drift(cypher_snapshot.snapshot())
    assert not drift, (
        f"The Cypher statements differ from tests/graph/statements/:\n{drift}\n"
        f"Regenerate the files with `{cypher_snapshot.COMMAND}` and review their diff."
    )


def _inline_statements(path: Path) -> list[int]:
    """Lines of string literals that look like statements outside module-level assignments."""
    tree = ast.parse(path.read_text())
    allowed: set[int] = set()
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign):
            allowed.update(id(child) for child in ast.walk(node))
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            allowed.add(id(node.value))  # a docstring
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and id(node) not in allowed
        and cypher_snapshot.is_statement(node.value)
    ]


def test_product_cypher_is_in_module_constants() -> None:
    # A statement written inline in a function would be missing from the files above.
    inline = [
        f"{path.relative_to(cypher_snapshot.ROOT)}:{line}"
        for package in cypher_snapshot.packages()
        if package not in TOOLING
        for path in sorted((cypher_snapshot.ROOT / package).rglob("*.py"))
        for line in _inline_statements(path)
    ]
    assert not inline, "Cypher belongs in module-level constants: " + ", ".join(inline)
