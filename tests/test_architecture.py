"""The layering of DESIGN.md, checked: each package's public surface, and who imports whom.

auth -> api -> {loaders for reads, services for writes and jobs} -> graph
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = [
    "api",
    "audit",
    "auth",
    "graph",
    "loaders",
    "services",
    "policy",
    "intake",
    "domain",
    "vocabulary",
]

# package -> top-level modules it must never import
FORBIDDEN = {
    "api": {"neo4j"},  # and graph/ only as test_api_reaches_the_graph_through_... allows
    "graph": {
        "strawberry",
        "starlette",
        "api",
        "audit",
        "auth",
        "loaders",
        "services",
        "policy",
        "intake",
    },
    # The audit records what the API disclosed, through graph/; it knows nothing of GraphQL.
    "audit": {"strawberry", "starlette", "api", "loaders", "services", "intake"},
    "loaders": {"strawberry.types", "api", "starlette", "services"},
    "services": {"strawberry", "starlette", "api", "loaders"},
    "policy": {
        "neo4j",
        "graph",
        "api",
        "audit",
        "loaders",
        "services",
        "starlette",
        "strawberry",
        "httpx",
    },
    "auth": {"neo4j", "graph", "api", "audit", "loaders", "services", "strawberry"},
    # Partner lists' schema, parsing and validation: pure; loading one is services.intake's job.
    "intake": {
        "neo4j",
        "graph",
        "api",
        "audit",
        "loaders",
        "services",
        "auth",
        "strawberry",
        "starlette",
    },
    # Pure rules: the standard library and the vocabulary (and Splink for matching).
    "domain": {
        "neo4j",
        "graph",
        "api",
        "audit",
        "loaders",
        "services",
        "policy",
        "auth",
        "intake",
        "strawberry",
        "starlette",
    },
}
# What api/ may import of ours: reads through loaders, writes and jobs through services, and the
# packages DESIGN.md lets it consult (policy, auth) or every layer use (domain, vocabulary, audit).
API_MAY_IMPORT = {"api", "loaders", "services", "auth", "policy", "domain", "vocabulary", "audit"}

# The composition root may use graph/ too: the app's lifespan creates the driver (and the register
# cache, the audit journal and the consent upkeep over it) and closes it; each request binds it
# into that request's services and loaders, and the audit's recording wraps it on its own path.
# It runs no Cypher itself.
COMPOSITION_ROOT = {"api/app.py", "api/lifespan.py"}

# Modules a package may import although their package is forbidden to it: the UK identifiers, pure
# and shared with intake's validation.
EXCEPT = {"domain": {"intake.identifiers"}}

# A resolver reaching for the driver, or running a repository's transaction functions itself.
DRIVER_CALL = re.compile(r"\bdb\.(read|write|write_statement|driver)\b|\bcontext\.db\b")

FIRST_PARTY = {p.name for p in ROOT.iterdir() if (p / "__init__.py").exists() and p.name != "tests"}


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


def _relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_layers_import_only_downwards(package: str) -> None:
    for path in (ROOT / package).rglob("*.py"):
        for name in _imports(path):
            if name in EXCEPT.get(package, set()):
                continue
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


def test_api_reaches_the_graph_through_loaders_and_services() -> None:
    """api/ imports loaders (reads) and services (writes, jobs), never graph/ itself."""
    for path in (ROOT / "api").rglob("*.py"):
        relative = _relative(path)
        if relative in COMPOSITION_ROOT:
            continue
        allowed = API_MAY_IMPORT
        for name in _imports(path):
            top = name.split(".")[0]
            if top in FIRST_PARTY:
                assert top in allowed, f"{relative} imports {name}"


def test_no_resolver_touches_the_driver() -> None:
    """No ``db.read(...)``/``db.write(...)`` in api/: reads go through ``context.loaders``,
    writes and jobs through ``context.services``."""
    for path in (ROOT / "api").rglob("*.py"):
        relative = _relative(path)
        for number, line in enumerate(path.read_text().splitlines(), 1):
            assert not DRIVER_CALL.search(line), f"{relative}:{number}: {line.strip()}"


def _service_modules() -> list[str]:
    import services

    return [
        f"services.{m.name}"
        for m in pkgutil.iter_modules(services.__path__)
        if not m.name.startswith("_")  # the package's own helpers, not capabilities
    ]


@pytest.mark.parametrize("name", _service_modules())
def test_services_have_one_shape(name: str) -> None:
    """Every public verb of a service module is ``async def verb(db, actor, input)`` with a
    docstring, so the request's ``Services.run`` runs any of them."""
    module = importlib.import_module(name)
    verbs = [
        function
        for verb_name, function in inspect.getmembers(module, inspect.iscoroutinefunction)
        if function.__module__ == name and not verb_name.startswith("_")
    ]
    if name != "services.services":
        assert verbs, f"{name} has no verbs"
    for verb in verbs:
        assert list(inspect.signature(verb).parameters) == ["db", "actor", "input"], verb
        assert inspect.getdoc(verb), f"{name}.{verb.__name__} needs a docstring"


def test_weighing_corrections_never_loads_the_matcher() -> None:
    """Every batch of an upload weighs its corrections (graph.survivorship, in the upload's
    transaction), and matching forms people by the same rule: that rule must stay pure and light,
    never loading the matcher's Splink and DuckDB into every process that receives a list."""
    code = (
        "import sys, graph.uploads, graph.matching, graph.survivorship, domain.survivorship; "
        "sys.exit('splink' in sys.modules or 'duckdb' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=False)  # noqa: S603
    assert result.returncode == 0
