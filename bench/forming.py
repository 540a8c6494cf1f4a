"""Does forming families keep the API answering? A cheap query timed while ``formFamilies`` runs.

    ./dev bench forming --people 50000 [--seed 2] [--gap 0.02]

Loads synthetic partners' lists about N people (about two rows a person) into a Neo4j of its own
and matches them (once: the prepared database is kept under ``.local/neo4j/forming-N-seed`` and
each run starts from a copy of it, unless NEO4J_URI names a server, which is prepared afresh each
run), then serves the API in its own process and times ``{ me { userId } }`` from a
second client, one request after another with a short gap, first with the API idle and then while
``formFamilies`` runs on the same API process: once from nothing, once again with nothing to
change. Prints Markdown rows for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx

from auth import AuthSettings, LocalSigningKey
from bench.machine import machine
from bench.servers import wait_ready
from devtools.local_neo4j import LocalNeo4j, free_port
from devtools.mint import mint_token
from devtools.synthetic.demo import generate, load
from devtools.synthetic.partner_lists import generate_lists
from graph import Database, Neo4jSettings, Viewer, migrate
from services import intake, matching

ROOT = Path(__file__).resolve().parent.parent
LOCAL = ROOT / ".local" / "neo4j"
ISSUER = "https://bench.invalid"
AUDIENCE = "early-help-graph-api"
CHEAP = "{ me { userId } }"
FORM = """mutation { formFamilies { errors { code } run {
  people households householdsCreated householdsEnded familiesCreated membersAdded } } }"""
SLOW_MS = 200.0
BENCH = Viewer("bench", "org-devon-county-council")


async def _prepare(neo4j: Neo4jSettings, people: int, seed: int) -> tuple[int, float, float]:
    """An empty graph with the catalogue, the lists loaded and matched: what forming starts from."""
    lists = generate_lists(people, seed)
    db = Database.connect(neo4j)
    try:
        async with db.driver.session(database=db.name) as session:
            await (
                await session.run(
                    "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
                )
            ).consume()
        await migrate(db)
        await load(db, generate(20, seed=1))  # the catalogue, partners and the register of users
        started = time.perf_counter()
        for organisation, data in lists.files.items():
            await intake.receive(db, BENCH, intake.PartnerList(data, organisation))
        loaded = time.perf_counter() - started
        started = time.perf_counter()
        await matching.match(db, BENCH, matching.Matching())
        matched = time.perf_counter() - started
    finally:
        await db.close()
    return lists.rows, loaded, matched


def _headers(token: str, purpose: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", "X-Purpose-Of-Use": purpose}


def _data(response: httpx.Response) -> dict[str, Any]:
    body: dict[str, Any] = response.json()
    if response.status_code != 200 or body.get("errors"):
        raise RuntimeError(f"the API answered {response.status_code}: {response.text[:500]}")
    data: dict[str, Any] = body["data"]
    return data


async def _probe(http: httpx.AsyncClient, gap: float, stop: asyncio.Event) -> list[float]:
    """Sequential cheap requests until ``stop``; each one's latency in milliseconds."""
    timings: list[float] = []
    while not stop.is_set():
        started = time.perf_counter()
        _data(await http.post("/graphql", json={"query": CHEAP}))
        timings.append((time.perf_counter() - started) * 1000)
        await asyncio.sleep(gap)
    return timings


async def _idle(http: httpx.AsyncClient, gap: float, seconds: float) -> list[float]:
    stop = asyncio.Event()
    probing = asyncio.create_task(_probe(http, gap, stop))
    await asyncio.sleep(seconds)
    stop.set()
    return await probing


async def _while_forming(
    http: httpx.AsyncClient, former: httpx.AsyncClient, gap: float
) -> tuple[float, dict[str, Any], list[float]]:
    stop = asyncio.Event()
    probing = asyncio.create_task(_probe(http, gap, stop))
    await asyncio.sleep(0.5)  # the probe is under way before the job starts
    started = time.perf_counter()
    response = await former.post("/graphql", json={"query": FORM})
    seconds = time.perf_counter() - started
    stop.set()
    timings = await probing
    run: dict[str, Any] = _data(response)["formFamilies"]["run"]
    return seconds, run, timings


def _row(name: str, timings: list[float]) -> str:
    cuts = statistics.quantiles(timings, n=100, method="inclusive")
    slow = sum(1 for t in timings if t > SLOW_MS)
    return (
        f"| {name} | {len(timings)} | {cuts[49]:.1f} | {cuts[94]:.1f} | {cuts[98]:.1f} "
        f"| {max(timings):.1f} | {slow} |"
    )


async def _measure(url: str, token: str, gap: float) -> list[str]:
    probe_headers = _headers(token, "identify-families")
    async with (
        httpx.AsyncClient(base_url=url, headers=probe_headers, timeout=120) as http,
        httpx.AsyncClient(base_url=url, headers=probe_headers, timeout=900) as former,
    ):
        await _idle(http, gap, 2.0)  # warm-up
        lines = [_row("idle", await _idle(http, gap, 10.0))]
        seconds, run, timings = await _while_forming(http, former, gap)
        lines.append(_row(f"while formFamilies runs ({seconds:.1f} s; {run})", timings))
        seconds, run, timings = await _while_forming(http, former, gap)
        lines.append(_row(f"while formFamilies runs again ({seconds:.1f} s; {run})", timings))
    return lines


@contextlib.contextmanager
def _prepared(people: int, seed: int) -> Iterator[tuple[Neo4jSettings, str]]:
    """A server holding the lists loaded and matched, nothing formed; and how it was prepared."""
    configured = Neo4jSettings.from_env()
    if configured is not None:
        rows, loaded, matched = asyncio.run(_prepare(configured, people, seed))
        yield configured, _how(rows, loaded, matched)
        return
    prepared = LOCAL / f"forming-{people}-{seed}"
    if not (prepared / "prepared.txt").exists():
        shutil.rmtree(prepared, ignore_errors=True)
        with LocalNeo4j.start(prepared, heap="2g", pagecache="2g") as server:
            settings = Neo4jSettings(uri=server.uri, user=server.user, password=server.password)
            rows, loaded, matched = asyncio.run(_prepare(settings, people, seed))
        (prepared / "prepared.txt").write_text(_how(rows, loaded, matched))
    work = LOCAL / "bench-forming"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(prepared, work, ignore=shutil.ignore_patterns("conf", "logs", "run", "*.log"))
    with LocalNeo4j.start(work, heap="2g", pagecache="2g") as server:
        settings = Neo4jSettings(uri=server.uri, user=server.user, password=server.password)
        yield settings, (prepared / "prepared.txt").read_text()


def _how(rows: int, loaded: float, matched: float) -> str:
    return f"{rows} rows, uploaded in {loaded:.1f} s and matched in {matched:.1f} s"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="./dev bench forming", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=2)
    parser.add_argument("--gap", type=float, default=0.02, help="seconds between cheap requests")
    args = parser.parse_args(argv)
    if args.people < 10:
        parser.error("--people must be at least 10")
    with _prepared(args.people, args.seed) as (neo4j, how):
        key = LocalSigningKey.load_or_create(Path(tempfile.mkdtemp(prefix="bench-keys-")))
        auth = AuthSettings(issuer=ISSUER, audience=AUDIENCE, jwks=key.public_jwks())
        token = mint_token(
            key,
            user_id="user-demo-analyst",  # the data team, in the synthetic register of users
            organisation_id="org-devon-county-council",
            roles=["data_analyst"],
            issuer=ISSUER,
            audience=AUDIENCE,
        )
        port = free_port()
        env = os.environ | {
            "NEO4J_URI": neo4j.uri,
            "NEO4J_USER": neo4j.user,
            "NEO4J_PASSWORD": neo4j.password,
            "AUTH_JWKS": json.dumps(auth.jwks.as_dict()),
            "AUTH_ISSUER": ISSUER,
            "AUTH_AUDIENCE": AUDIENCE,
            "EHG_GRAPHIQL": "0",
        }
        server = subprocess.Popen(  # noqa: S603 - our own module, fixed arguments
            [sys.executable, "-m", "devtools.serve", "--port", str(port), "--quiet"],
            env=env,
            cwd=ROOT,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            wait_ready(url, server)
            lines = asyncio.run(_measure(url, token, args.gap))
        except httpx.HTTPError:
            print(f"The API process: {server.poll() or 'running'}", file=sys.stderr)
            raise
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"\nMachine: {machine()}")
    print(
        f"Lists about {args.people} people (seed {args.seed}): {how}; `{CHEAP}` one after another, "
        f"{args.gap * 1000:.0f} ms apart\n"
    )
    print(f"| cheap query | requests | p50 ms | p95 ms | p99 ms | max ms | over {SLOW_MS:.0f} ms |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for line in lines:
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
