"""Every Cypher statement of the code, rendered to a file a review can read.

    .venv/bin/python -m devtools.cypher_snapshot

writes ``tests/graph/statements/<module>.<NAME>.cypher`` for each statement constant and removes
the files of statements that are gone; ``tests/graph/test_statements.py`` fails while the files
and the code differ. A change to a statement, or to a fragment it is assembled from, so shows in
a review as the Cypher Neo4j receives. Run it after a change to Cypher, or after moving modules.

Which constants are statements. Every module of every package of the repository except
``tests`` (each folder at the top of the repository with an ``__init__.py``; ``__main__`` modules
are skipped, as importing them runs them) is imported, and each name its own source binds at
module level (by assignment: a name imported from elsewhere is the other module's) is taken when
its value, as computed at import, is:

- a string whose text, after leading whitespace and ``//`` comments, starts with a Cypher clause
  in capitals (``MATCH``, ``OPTIONAL MATCH``, ``CREATE``, ``MERGE``, ``UNWIND``, ``CALL``,
  ``WITH``, ``RETURN``, ``DROP``, ``SHOW``, ``FOREACH``, ``LOAD CSV``, ``USE``): one file, the
  statement with the whitespace around it trimmed (the whitespace inside is kept as it is);
- a tuple of such strings, or a dict whose values all are, unless each of them is a statement of
  the module under a name of its own already: one file, the statements in order, each ended by
  ``;`` (a dict's headed by ``// <key>``).

A fragment that starts mid-statement (a ``WHERE`` condition, a map projection, an expression) is
not rendered on its own: it shows in each statement assembled from it. Migrations are not
rendered here: their statements are literals in ``graph/migrations/``, guarded by a digest.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
DIRECTORY = ROOT / "tests" / "graph" / "statements"
COMMAND = ".venv/bin/python -m devtools.cypher_snapshot"
NOT_SCANNED = frozenset({"tests"})
SUFFIX = ".cypher"

_CLAUSE = re.compile(
    r"(?:MATCH|OPTIONAL\s+MATCH|CREATE|MERGE|UNWIND|CALL|WITH|RETURN|DROP|SHOW|FOREACH"
    r"|LOAD\s+CSV|USE)\b"
)
_LEADING = re.compile(r"(?:\s|//[^\n]*(?:\n|$))*")


def is_statement(value: object) -> bool:
    """Whether ``value`` is a string that starts as a Cypher statement does."""
    if not isinstance(value, str):
        return False
    start = _LEADING.match(value)
    return _CLAUSE.match(value, start.end() if start else 0) is not None


def packages(root: Path = ROOT) -> list[str]:
    """The top-level packages scanned: every folder of ``root`` with an ``__init__.py``."""
    return sorted(
        path.name
        for path in root.iterdir()
        if (path / "__init__.py").is_file() and path.name not in NOT_SCANNED
    )


def modules(root: Path = ROOT) -> Iterator[ModuleType]:
    """Each module of the scanned packages, imported, in name order."""
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    for package in packages(root):
        top = importlib.import_module(package)
        names = [package] + [
            info.name for info in pkgutil.walk_packages(top.__path__, package + ".")
        ]
        for name in sorted(names):
            if name.rsplit(".", 1)[-1] != "__main__":
                yield importlib.import_module(name)


def _bound_names(module: ModuleType) -> list[str]:
    """The names the module's own source assigns at module level, in order of first binding."""
    if module.__file__ is None:
        return []
    names: dict[str, None] = {}
    for node in ast.parse(Path(module.__file__).read_text()).body:
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets = [node.target]
        for target in targets:
            if isinstance(target, ast.Name):
                names[target.id] = None
    return list(names)


def _statement(text: str) -> str:
    return text.strip()


def _render_many(items: list[tuple[str | None, str]]) -> str:
    parts = [
        (f"// {key}\n" if key is not None else "") + _statement(text) + ";" for key, text in items
    ]
    return "\n\n".join(parts) + "\n"


def statements_of(module: ModuleType) -> dict[str, str]:
    """File name -> rendered Cypher, for the statement constants of ``module``."""
    values = {name: getattr(module, name) for name in _bound_names(module) if hasattr(module, name)}
    singles = {name: value for name, value in values.items() if is_statement(value)}
    rendered = {name: _statement(value) + "\n" for name, value in singles.items()}
    own = set(singles.values())
    for name, value in values.items():
        items: list[tuple[str | None, str]] | None = None
        if isinstance(value, tuple) and value and all(is_statement(v) for v in value):
            items = [(None, v) for v in value]
        elif isinstance(value, Mapping) and value and all(is_statement(v) for v in value.values()):
            items = [(str(k), v) for k, v in value.items()]
        if items is not None and not all(text in own for _, text in items):
            rendered[name] = _render_many(items)
    return {f"{module.__name__}.{name}{SUFFIX}": text for name, text in rendered.items()}


def snapshot(root: Path = ROOT) -> dict[str, str]:
    """File name -> rendered Cypher, for every statement constant of the scanned packages."""
    files: dict[str, str] = {}
    for module in modules(root):
        files.update(statements_of(module))
    return dict(sorted(files.items()))


@dataclass(frozen=True)
class Drift:
    """How the files in a directory differ from the statements of the code."""

    changed: tuple[str, ...]
    added: tuple[str, ...]
    removed: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.changed or self.added or self.removed)

    def __str__(self) -> str:
        lines = [
            f"{what}: {name}"
            for what, names in (
                ("changed", self.changed),
                ("new", self.added),
                ("gone", self.removed),
            )
            for name in names
        ]
        return "\n".join(lines)


def _on_disk(directory: Path) -> dict[str, str]:
    if not directory.is_dir():
        return {}
    return {path.name: path.read_text() for path in directory.glob(f"*{SUFFIX}")}


def drift(files: Mapping[str, str], directory: Path = DIRECTORY) -> Drift:
    """How ``directory`` differs from ``files`` (as :func:`snapshot` renders them)."""
    stored = _on_disk(directory)
    return Drift(
        changed=tuple(sorted(n for n in files.keys() & stored.keys() if files[n] != stored[n])),
        added=tuple(sorted(files.keys() - stored.keys())),
        removed=tuple(sorted(stored.keys() - files.keys())),
    )


def write(files: Mapping[str, str], directory: Path = DIRECTORY) -> Drift:
    """Make ``directory`` hold exactly ``files``; what changed."""
    found = drift(files, directory)
    directory.mkdir(parents=True, exist_ok=True)
    for name in found.removed:
        (directory / name).unlink()
    for name in found.changed + found.added:
        (directory / name).write_text(files[name])
    return found


def main() -> int:
    files = snapshot()
    found = write(files)
    print(found or "no change", file=sys.stderr)
    print(f"{len(files)} statement files in {DIRECTORY.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
