"""The run command: a local Neo4j (unless NEO4J_URI is set), demo data, and the API on uvicorn.

python -m devtools.serve [--people N] [--seed S] [--port P]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
from pathlib import Path

import uvicorn

from api.app import create_app
from api.gc_tuning import tune_for_serving
from api.settings import ApiSettings
from auth import AuthSettings, TokenValidator
from devtools.demo_tokens import KEYS, demo_tokens
from devtools.local_neo4j import configured_or_local
from devtools.synthetic.demo import generate, load, register_users
from graph import Database, Neo4jSettings, migrate

ROOT = Path(__file__).resolve().parent.parent
LOCAL = ROOT / ".local"
_SEEDED = "MATCH (p:Person) RETURN count(p) > 0 AS seeded"


async def _prepare(neo4j: Neo4jSettings, people: int, seed: int, user_agreement: str) -> None:
    db = Database.connect(neo4j)
    try:
        await migrate(db)
        async with db.driver.session(database=db.name) as session:
            result = await session.run(_SEEDED)
            record = await result.single()
        if record is not None and record["seeded"]:
            print("Neo4j already holds data: demo data not loaded again.")
            # Demo data loaded before the register of users existed gets its users into it.
            await register_users(db, user_agreement_version=user_agreement)
            return
        print(f"Loading demo data: {people} synthetic people (seed {seed})...")
        report = await load(db, generate(people, seed), user_agreement_version=user_agreement)
        print(f"Loaded in {report.seconds:.1f}s.")
    finally:
        await db.close()


def _print_tokens(auth: AuthSettings) -> None:
    if os.environ.get("AUTH_JWKS") or os.environ.get("AUTH_JWKS_FILE"):
        print("Tokens come from your identity provider (AUTH_JWKS/AUTH_JWKS_FILE is set).")
        return
    print("\nBearer tokens for the demo users (valid 8 hours; `./dev token` mints fresh ones).")
    print("Send each request with a purpose too, e.g. X-Purpose-Of-Use: coordinate-support")
    print("(README.md, Access, says which role may declare which purpose).")
    for user_id, role, token in demo_tokens(auth):
        print(f"\n  {user_id} ({role}):\n  Authorization: Bearer {token}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="./dev run", description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=2000, help="demo people to load if empty")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--quiet", action="store_true", help="log warnings only (benchmarks)")
    args = parser.parse_args(argv)
    if args.people < 1:
        parser.error("--people must be at least 1")
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("casbin").setLevel(logging.WARNING)  # it logs the whole policy at INFO
    auth = AuthSettings.from_env(KEYS)
    with configured_or_local(LOCAL / "neo4j" / "run", heap="1g") as neo4j:
        print(f"Neo4j at {neo4j.uri}")
        settings = ApiSettings.from_env()
        asyncio.run(_prepare(neo4j, args.people, args.seed, settings.user_agreement_version))
        app = create_app(settings, neo4j, TokenValidator(auth))
        _print_tokens(auth)
        stops = "it" if os.environ.get("NEO4J_URI") else "it and the local Neo4j"
        print(f"\nGraphiQL: http://{args.host}:{args.port}/graphql  (Ctrl-C stops {stops})\n")
        tune_for_serving()
        uvicorn.run(
            app, host=args.host, port=args.port, log_level="warning" if args.quiet else "info"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
