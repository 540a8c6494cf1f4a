"""`import intake` is pure: it pulls in only the standard library (and may use policy)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import intake

PACKAGE = Path(intake.__file__).resolve().parent
ALLOWED = set(sys.stdlib_module_names) | {"intake", "policy"}


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_the_public_package_imports_only_the_standard_library_and_policy() -> None:
    to_visit, visited = ["intake"], set[str]()
    while to_visit:
        module = to_visit.pop()
        if module in visited:
            continue
        visited.add(module)
        inside = module.removeprefix("intake").lstrip(".")
        path = PACKAGE / (inside.replace(".", "/") + ".py") if inside else PACKAGE / "__init__.py"
        for name in _imports(path):
            assert name.split(".")[0] in ALLOWED, f"{module} imports {name}"
            if name.split(".")[0] == "intake":
                to_visit.append(name)
    assert {"intake.reader", "intake.validate", "intake._csv", "intake._jsonl"} <= visited


def test_the_public_surface_is_declared() -> None:
    assert intake.__all__
    for name in intake.__all__:
        assert hasattr(intake, name), name
