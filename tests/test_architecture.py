"""The layering of DESIGN.md, checked: each package's public surface, and who imports whom."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["api", "audit", "auth", "graph", "loaders", "policy", "intake", "domain"]

# package -> top-level modules it must never import
FORBIDDEN = {
    "api": {"neo4j"},  # api never writes Cypher: it goes through loaders and graph
    "graph": {"strawberry", "starlette", "api", "audit", "auth", "loaders", "policy", "intake"},
    # The audit records what the API disclosed, through graph/; it knows nothing of GraphQL.
    "audit": {"strawberry", "starlette", "api", "loaders", "intake"},
    "loaders": {"strawberry.types", "api", "starlette"},
    "policy": {"neo4j", "graph", "api", "audit", "loaders", "starlette", "strawberry", "httpx"},
    "auth": {"neo4j", "graph", "api", "audit", "loaders", "strawberry"},
    # Partner data intake sits beside the API: the API's upload mutation and the command line
    # both use it; it reaches Neo4j through graph/ only.
    "intake": {"neo4j", "api", "audit", "loaders", "auth", "strawberry", "starlette"},
    # Pure rules: the standard library only.
    "domain": {
        "neo4j",
        "graph",
        "api",
        "audit",
        "loaders",
        "policy",
        "auth",
        "intake",
        "strawberry",
        "starlette",
    },
}
# Imports allowed against the rules above: the released migrations that create the audit's
# constraints take its statements from audit.storage.
EXCEPTIONS = {"graph/migrations.py": {"audit"}}


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
        allowed = EXCEPTIONS.get(str(path.relative_to(ROOT)), set())
        for name in _imports(path):
            top = {name.split(".")[0], ".".join(name.split(".")[:2])}
            assert not top & (FORBIDDEN[package] - allowed), (
                f"{path.relative_to(ROOT)} imports {name}"
            )


# Tooling (devtools/: the local Neo4j, synthetic data, token minting, table printers, the ./dev
# commands) serves developers, tests and benchmarks; the product never depends on it.
PRODUCT = ["api", "audit", "auth", "domain", "graph", "intake", "loaders", "policy"]


@pytest.mark.parametrize("package", PRODUCT)
def test_product_code_never_imports_devtools(package: str) -> None:
    for path in (ROOT / package).rglob("*.py"):
        for name in _imports(path):
            assert name.split(".")[0] != "devtools", f"{path.relative_to(ROOT)} imports {name}"
