"""``./dev bench``: load N synthetic people, then time the API over HTTP against bare Cypher.

    ./dev bench --people 10000 [--seed 1] [--samples 300]
    ./dev bench forming [--people 50000]     # the API's answers while families are formed
    ./dev bench linkage [--people 7000]      # matching on an independent truth set (no Neo4j)

The API runs in its own process (``devtools.serve`` on a free loopback port) so the client and the
bare driver measured here do not share its interpreter; two more processes (``bench.baseline``)
serve the same API with access control off, and with only the audit's write off, to measure what
each costs. The latency rows are sequential requests; the throughput rows have several clients at
once (where concurrent disclosures share the audit's transactions). Results print as Markdown rows
for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx

from api.relay import global_id
from auth import AuthSettings, LocalSigningKey
from bench import queries
from bench.machine import machine
from bench.servers import wait_ready
from devtools.local_neo4j import configured_or_local, free_port
from devtools.mint import mint_token
from devtools.synthetic.demo import generate, load
from graph import Database, Neo4jSettings, migrate

ROOT = Path(__file__).resolve().parent.parent
ISSUER = "https://bench.invalid"
# Bump when the synthetic generator changes, so the benchmark database is loaded afresh.
DATASET_VERSION = 3
AUDIENCE = "early-help-graph-api"
ROUNDS = 10  # blocks per compared row (see _time_in_rounds)
COMPARED_WARMUP = 300  # requests to each compared server before its timed blocks
WARMUP = 50
CLIENTS = 8  # for the throughput rows: enough to keep both cores and the audit writer busy


async def _prepare(neo4j: Neo4jSettings, people: int, seed: int) -> list[str]:
    """Make the database hold exactly this dataset; return its family ids."""
    db = Database.connect(neo4j)
    try:
        async with db.driver.session(database=db.name) as session:
            marker = await (
                await session.run(
                    "MATCH (b:BenchmarkDataset) RETURN b.people AS n, b.seed AS s, b.version AS v"
                )
            ).single()
            if marker is None or (marker["n"], marker["s"], marker["v"]) != (
                people,
                seed,
                DATASET_VERSION,
            ):
                print(f"Loading {people} synthetic people (seed {seed})...", flush=True)
                await (
                    await session.run(
                        "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
                    )
                ).consume()
                await migrate(db)
                started = time.perf_counter()
                report = await load(db, generate(people, seed))
                print(f"Loaded in {time.perf_counter() - started:.1f}s: {report}", flush=True)
                await (
                    await session.run(
                        "CREATE (:BenchmarkDataset {people: $n, seed: $s, version: $v})",
                        n=people,
                        s=seed,
                        v=DATASET_VERSION,
                    )
                ).consume()
            result = await session.run(queries.FAMILY_IDS_CYPHER)
            return [record["id"] async for record in result]
    finally:
        await db.close()


def _check(response: httpx.Response) -> None:
    if response.status_code != 200 or "errors" in response.json():
        raise RuntimeError(f"the API answered {response.status_code}: {response.text[:500]}")


def _percentiles(samples: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return cuts[49] * 1000, cuts[94] * 1000


async def _time(call: Callable[[int], Awaitable[None]], samples: int, warmup: int) -> list[float]:
    for i in range(warmup):
        await call(i)
    timings = []
    for i in range(samples):
        started = time.perf_counter()
        await call(i)
        timings.append(time.perf_counter() - started)
    return timings


async def _time_in_rounds(
    calls: dict[str, Callable[[int], Awaitable[None]]], samples: int, rounds: int = ROUNDS
) -> dict[str, list[float]]:
    """Time each call in blocks, round after round, in a rotated order, and pool each call's
    timings. The rows compared with each other then share this VM's drift (10-30% from one minute
    to the next) instead of each meeting a different stretch of it. Each server is first warmed
    with the same requests: a fresh process answered its first hundred up to 30% slower here, and
    the baselines' processes had served nothing before these rows."""
    for call in calls.values():
        await _time(call, 0, warmup=COMPARED_WARMUP)
    pooled: dict[str, list[float]] = {name: [] for name in calls}
    names = list(calls)
    per_round = max(samples // rounds, 5)
    for r in range(rounds):
        for name in names[r % len(names) :] + names[: r % len(names)]:
            pooled[name] += await _time(calls[name], per_round, warmup=5)
    return pooled


async def _measure(
    neo4j: Neo4jSettings,
    url: str,
    baseline_url: str,
    no_audit_url: str,
    token: str,
    family_ids: list[str],
    samples: int,
) -> tuple[dict[str, tuple[float, float]], dict[str, float]]:
    rng = random.Random(42)
    chosen = [rng.choice(family_ids) for _ in range(samples + 50)]
    headers = {"Authorization": f"Bearer {token}", "X-Purpose-Of-Use": "coordinate-support"}
    results: dict[str, tuple[float, float]] = {}
    throughput: dict[str, float] = {}
    db = Database.connect(neo4j)
    async with (
        httpx.AsyncClient(base_url=url, headers=headers, timeout=30) as http,
        httpx.AsyncClient(base_url=baseline_url, headers=headers, timeout=30) as baseline,
        httpx.AsyncClient(base_url=no_audit_url, headers=headers, timeout=30) as no_audit,
    ):

        async def api_detail(i: int) -> None:
            body = {
                "query": queries.FAMILY_DETAIL_GRAPHQL,
                "variables": {"id": global_id("Family", chosen[i])},
            }
            response = await http.post("/graphql", json=body)
            _check(response)

        async def cypher_detail(i: int) -> None:
            await db.driver.execute_query(
                queries.FAMILY_DETAIL_CYPHER, id=chosen[i], database_=db.name, routing_="r"
            )

        async def api_page(i: int) -> None:
            body = {"query": queries.FAMILIES_PAGE_GRAPHQL, "variables": {"after": None}}
            response = await http.post("/graphql", json=body)
            _check(response)

        async def baseline_page(i: int) -> None:
            body = {"query": queries.FAMILIES_PAGE_GRAPHQL, "variables": {"after": None}}
            _check(await baseline.post("/graphql", json=body))

        async def no_audit_page(i: int) -> None:
            body = {"query": queries.FAMILIES_PAGE_GRAPHQL, "variables": {"after": None}}
            _check(await no_audit.post("/graphql", json=body))

        async def cypher_page(i: int) -> None:
            await db.driver.execute_query(
                queries.FAMILIES_PAGE_CYPHER, after="", database_=db.name, routing_="r"
            )
            await db.driver.execute_query(
                queries.FAMILIES_COUNT_CYPHER, database_=db.name, routing_="r"
            )

        async def api_floor(i: int) -> None:
            _check(await http.post("/graphql", json={"query": "{ __typename }"}))

        async def concurrently(call: Callable[[int], Awaitable[None]], clients: int) -> float:
            """Requests per second with ``clients`` callers each making ``samples`` // clients."""
            per_client = max(samples // clients, 5)

            async def client(c: int) -> None:
                for i in range(per_client):
                    await call(c * per_client + i)

            await asyncio.gather(*(client(c) for c in range(clients)))  # warm-up
            started = time.perf_counter()
            await asyncio.gather(*(client(c) for c in range(clients)))
            return clients * per_client / (time.perf_counter() - started)

        for name, call in (
            ("HTTP + token + GraphQL floor: { __typename }", api_floor),
            ("family detail, API", api_detail),
            ("family detail, bare Cypher", cypher_detail),
        ):
            results[name] = _percentiles(await _time(call, samples, warmup=50))
        compared = {
            "families page (100), API": api_page,
            "families page (100), API with access control off": baseline_page,
            "families page (100), API with access control on, audit write off": no_audit_page,
        }
        for name, timings in (await _time_in_rounds(compared, 2 * samples)).items():
            results[name] = _percentiles(timings)
        results["families page (100), bare Cypher"] = _percentiles(
            await _time(cypher_page, samples, warmup=50)
        )
        for name, call in (
            ("families page (100), API", api_page),
            ("families page (100), API with access control on, audit write off", no_audit_page),
            ("families page (100), API with access control off", baseline_page),
        ):
            throughput[f"{name}, {CLIENTS} concurrent clients"] = await concurrently(call, CLIENTS)
    await db.close()
    return results, throughput


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["forming"]:
        from bench import forming

        return forming.main(argv[1:])
    if argv[:1] == ["linkage"]:
        from bench import linkage

        return linkage.main(argv[1:])
    parser = argparse.ArgumentParser(prog="./dev bench", description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--samples", type=int, default=300)
    args = parser.parse_args(argv)
    if args.people < 10 or args.samples < 20:
        parser.error("--people must be at least 10 and --samples at least 20")

    with configured_or_local(
        ROOT / ".local" / "neo4j" / "bench", heap="2g", pagecache="2g"
    ) as neo4j:
        family_ids = asyncio.run(_prepare(neo4j, args.people, args.seed))
        key = LocalSigningKey.load_or_create(Path(tempfile.mkdtemp(prefix="bench-keys-")))
        auth = AuthSettings(issuer=ISSUER, audience=AUDIENCE, jwks=key.public_jwks())
        token = mint_token(
            key,
            # A demo user the synthetic data puts in the register of users.
            user_id="user-demo-coordinator",
            organisation_id="org-devon-county-council",
            roles=["coordinator"],
            issuer=ISSUER,
            audience=AUDIENCE,
        )
        port, baseline_port, no_audit_port = free_port(), free_port(), free_port()
        env = os.environ | {
            "NEO4J_URI": neo4j.uri,
            "NEO4J_USER": neo4j.user,
            "NEO4J_PASSWORD": neo4j.password,
            "AUTH_JWKS": json.dumps(auth.jwks.as_dict()),
            "AUTH_ISSUER": ISSUER,
            "AUTH_AUDIENCE": AUDIENCE,
            "EHG_GRAPHIQL": "0",
        }
        servers = [
            subprocess.Popen(  # noqa: S603 - our own modules, fixed arguments
                [sys.executable, "-m", module, "--port", str(p), *extra], env=env, cwd=ROOT
            )
            for module, p, extra in (
                ("devtools.serve", port, ["--quiet"]),
                ("bench.baseline", baseline_port, []),
                ("bench.baseline", no_audit_port, ["--without", "audit"]),
            )
        ]
        try:
            urls = [f"http://127.0.0.1:{p}" for p in (port, baseline_port, no_audit_port)]
            url, baseline_url, no_audit_url = urls
            for server, address in zip(servers, urls, strict=True):
                wait_ready(address, server)
            results, throughput = asyncio.run(
                _measure(neo4j, url, baseline_url, no_audit_url, token, family_ids, args.samples)
            )
        finally:
            for server in servers:
                server.terminate()
                server.wait(timeout=30)

    print(f"\nMachine: {machine()}")
    print(
        f"Dataset: {args.people} people, {len(family_ids)} families (seed {args.seed}); "
        f"{args.samples} sequential requests per row after {WARMUP} warm-up (the compared "
        f"families-page rows {2 * args.samples} each after {COMPARED_WARMUP} warm-up, in "
        f"{ROUNDS} rotated rounds)\n"
    )
    print("| measurement | p50 ms | p95 ms |\n|---|---:|---:|")
    for name, (p50, p95) in results.items():
        print(f"| {name} | {p50:.2f} | {p95:.2f} |")
    detail = results["family detail, API"][0] / results["family detail, bare Cypher"][0]
    page = results["families page (100), API"][0] / results["families page (100), bare Cypher"][0]
    print(
        f"\nRatio API / bare Cypher at p50: family detail {detail:.2f}x, families page {page:.2f}x"
    )
    print("\n| throughput | requests/s |\n|---|---:|")
    for name, rate in throughput.items():
        print(f"| {name} | {rate:.1f} |")
    on = results["families page (100), API"][0]
    off = results["families page (100), API with access control off"][0]
    print(f"Access control on the families page at p50: {(on / off - 1) * 100:+.1f}%")
    policy_only = results["families page (100), API with access control on, audit write off"][0]
    print(
        f"  of which field and row decisions and consent: {(policy_only / off - 1) * 100:+.1f}%; "
        f"the audit's write: {on - policy_only:.2f} ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
