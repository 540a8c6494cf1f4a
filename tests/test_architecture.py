"""The layering of DESIGN.md, checked: each package's public surface, and who imports whom."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["api", "auth", "graph", "loaders", "policy", "intake", "domain", "services"]

# package -> top-level modules it must never import
FORBIDDEN = {
    "api": {"neo4j"},  # api never writes Cypher: it goes through loaders and graph
    "graph": {"strawberry", "starlette", "api", "auth", "loaders", "policy", "intake", "services"},
    "loaders": {"strawberry.types", "api", "starlette", "services"},
    # The use cases: through graph/ to Neo4j, deciding with domain/; never the API's concerns.
    "services": {"neo4j", "strawberry", "starlette", "api", "auth", "loaders", "policy"},
    "policy": {"neo4j", "graph", "api", "loaders", "starlette", "strawberry", "httpx"},
    "auth": {"neo4j", "graph", "api", "loaders", "strawberry"},
    # Partner data intake sits beside the API: the API's upload mutation and the command line
    # both use it; it reaches Neo4j through graph/ only.
    "intake": {"neo4j", "api", "loaders", "auth", "strawberry", "starlette"},
    # Pure rules: the standard library only (and Splink for matching).
    "domain": {
        "neo4j",
        "graph",
        "api",
        "loaders",
        "policy",
        "auth",
        "intake",
        "services",
        "strawberry",
        "starlette",
    },
}
# Modules a package may import although their package is forbidden to it: text folding and the UK
# identifiers, pure and shared, until vocabulary/ holds them.
EXCEPT = {"domain": {"intake.text", "intake.identifiers"}}
# The API's features that run jobs: they read through loaders and act through services only.
JOB_FEATURES = ["eligibility", "households", "intake", "matching"]


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
            if name in EXCEPT.get(package, set()):
                continue
            top = {name.split(".")[0], ".".join(name.split(".")[:2])}
            assert not top & FORBIDDEN[package], f"{path.relative_to(ROOT)} imports {name}"


@pytest.mark.parametrize("feature", JOB_FEATURES)
def test_job_features_use_loaders_and_services_not_the_graph(feature: str) -> None:
    for path in (ROOT / "api" / feature).rglob("*.py"):
        for name in _imports(path):
            assert name.split(".")[0] not in {"graph", "neo4j", "domain", "intake"}, (
                f"{path.relative_to(ROOT)} imports {name}"
            )
        text = path.read_text()
        assert "db.read(" not in text, path.relative_to(ROOT)
        assert "db.write(" not in text, path.relative_to(ROOT)
