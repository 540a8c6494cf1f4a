"""The layering of DESIGN.md, checked: each package's public surface, and who imports whom."""

from __future__ import annotations

import ast
import importlib
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["api", "auth", "graph", "loaders", "policy", "intake", "domain", "vocabulary"]

# package -> top-level modules it must never import
FORBIDDEN = {
    "api": {"neo4j"},  # api never writes Cypher: it goes through loaders and graph
    "graph": {"strawberry", "starlette", "api", "auth", "loaders", "policy", "intake"},
    "loaders": {"strawberry.types", "api", "starlette"},
    "policy": {"neo4j", "graph", "api", "loaders", "starlette", "strawberry", "httpx"},
    "auth": {"neo4j", "graph", "api", "loaders", "strawberry"},
    # Partner data intake sits beside the API: the API's upload mutation and the command line
    # both use it; it reaches Neo4j through graph/ only.
    "intake": {"neo4j", "api", "loaders", "auth", "strawberry", "starlette"},
    # Pure rules: the standard library only.
    "domain": {
        "neo4j",
        "graph",
        "api",
        "loaders",
        "policy",
        "auth",
        "intake",
        "strawberry",
        "starlette",
    },
}


@pytest.mark.parametrize("package", PACKAGES)
def test_public_surface_is_declared_and_importable(package: str) -> None:
    module = importlib.import_module(package)
    exported = getattr(module, "__all__", None)
    assert exported, f"{package}/__init__.py should declare __all__"
    for name in exported:
        assert hasattr(module, name), f"{package}.{name} is in __all__ but missing"


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_layers_import_only_downwards(package: str) -> None:
    for path in (ROOT / package).rglob("*.py"):
        for name in _imports(path):
            top = {name.split(".")[0], ".".join(name.split(".")[:2])}
            assert not top & FORBIDDEN[package], f"{path.relative_to(ROOT)} imports {name}"


def test_the_vocabulary_imports_only_the_standard_library() -> None:
    allowed = set(sys.stdlib_module_names) | {"vocabulary"}
    for path in (ROOT / "vocabulary").rglob("*.py"):
        for name in _imports(path):
            assert name.split(".")[0] in allowed, f"{path.relative_to(ROOT)} imports {name}"


def test_every_package_may_import_the_vocabulary() -> None:
    for package, forbidden in FORBIDDEN.items():
        assert "vocabulary" not in {name.split(".")[0] for name in forbidden}, package


@pytest.mark.parametrize("package", PACKAGES)
def test_the_product_never_imports_devtools(package: str) -> None:
    # devtools/ is development tooling (local Neo4j, snapshots, ...): the product never needs it.
    for path in (ROOT / package).rglob("*.py"):
        for name in _imports(path):
            assert name.split(".")[0] != "devtools", f"{path.relative_to(ROOT)} imports {name}"
