"""Released migrations never change: each is held to the digest recorded when it was released.

A database that has run a migration never runs it again, so changing one would leave databases
that ran the old statements and databases that run the new ones apart for good.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

from graph.migrations import MIGRATIONS, Migration

FOLDER = Path(__file__).resolve().parents[2] / "graph" / "migrations"
DIGESTS = FOLDER / "digests.txt"


def _released() -> dict[int, tuple[str, str]]:
    """version -> (digest, name), as digests.txt records them."""
    released: dict[int, tuple[str, str]] = {}
    for line in DIGESTS.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            version, digest, name = line.split(" ", 2)
            released[int(version)] = (digest, name)
    return released


def _line(migration: Migration) -> str:
    return f"{migration.version} {migration.digest} {migration.name}"


def test_released_migrations_are_unchanged() -> None:
    current = {m.version: m for m in MIGRATIONS}
    changed = [
        f"migration {version} ({name}): now {_line(current[version])!r}"
        if version in current
        else f"migration {version} ({name}): removed"
        for version, (digest, name) in _released().items()
        if version not in current
        or (current[version].digest, current[version].name) != (digest, name)
    ]
    assert not changed, (
        "A released migration has changed:\n  "
        + "\n  ".join(changed)
        + "\nDatabases have run it already and will not run it again: put it back as it was "
        "and add a new migration instead (graph/migrations/)."
    )


def test_every_migration_has_its_digest_recorded() -> None:
    released = _released()
    missing = [_line(m) for m in MIGRATIONS if m.version not in released]
    assert not missing, "Record each new migration in graph/migrations/digests.txt:\n" + "\n".join(
        missing
    )


def test_each_version_is_a_module_of_its_own_in_order() -> None:
    versions = [m.version for m in MIGRATIONS]
    assert versions == list(range(1, len(versions) + 1))
    modules = sorted(path.stem for path in FOLDER.glob("v[0-9][0-9][0-9].py"))
    assert modules == [f"v{version:03d}" for version in versions]
    for migration in MIGRATIONS:
        module = importlib.import_module(f"graph.migrations.v{migration.version:03d}")
        assert module.MIGRATION is migration


def _statements_argument(path: Path) -> ast.expr:
    for node in ast.parse(path.read_text()).body:
        if (
            isinstance(node, ast.Assign)
            and [getattr(t, "id", None) for t in node.targets] == ["MIGRATION"]
            and isinstance(node.value, ast.Call)
        ):
            call = node.value
            by_name = {k.arg: k.value for k in call.keywords}
            return call.args[2] if len(call.args) > 2 else by_name["statements"]
    raise AssertionError(f"{path.name} should assign MIGRATION = Migration(...)")


def test_statements_are_literals_in_their_own_module() -> None:
    # Built from constants elsewhere, a migration would change with the code it borrowed from.
    for path in sorted(FOLDER.glob("v[0-9][0-9][0-9].py")):
        statements = _statements_argument(path)
        assert isinstance(statements, ast.Tuple), path.name
        for element in statements.elts:
            assert isinstance(element, ast.Constant), f"{path.name}: statements are literals"
            assert isinstance(element.value, str), path.name
