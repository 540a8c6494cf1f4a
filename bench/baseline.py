"""The benchmark's baselines: the same API with access control off (no field decisions, no row
visibility, no audit), or with only the audit's write off, to measure what each costs. Never for
real use.

    python -m bench.baseline --port P [--without access-control|audit]
    (NEO4J_* and AUTH_* from the environment)
"""

from __future__ import annotations

import argparse
from pathlib import Path

import uvicorn

from api import ApiSettings, create_app
from api.gc_tuning import tune_for_serving
from auth import AuthSettings, TokenValidator
from graph import Neo4jSettings

KEYS = Path(__file__).resolve().parent.parent / ".local" / "keys"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.baseline")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument(
        "--without",
        choices=["access-control", "audit"],
        default="access-control",
        help="access control and the audit off, or only the audit's write",
    )
    args = parser.parse_args()
    neo4j = Neo4jSettings.from_env()
    if neo4j is None:
        parser.error("NEO4J_URI must name the benchmark's database")
    audit_only_off = args.without == "audit"
    settings = ApiSettings(
        graphiql=False,
        migrate_on_startup=False,
        enforce_access=audit_only_off,
        record_disclosures=False,
    )
    app = create_app(settings, neo4j, TokenValidator(AuthSettings.from_env(KEYS)))
    # As devtools.serve does, so the baselines differ from it only in access control.
    tune_for_serving()
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
