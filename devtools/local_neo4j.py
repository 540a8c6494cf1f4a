"""A real Neo4j Community server for local use, tests and benchmarks.

There is no Docker and no Neo4j package in the reachable OS or Python registries, so the jars of
Neo4j Community are resolved from Maven Central with ``mvn`` (``devtools/local_neo4j.pom.xml``)
into a cache shared by every checkout, and the server's own entry point
(``org.neo4j.server.CommunityEntryPoint``, what the official distribution starts) runs on them
with a generated ``neo4j.conf``:

    with LocalNeo4j.start(Path(".local/neo4j/run")) as server:
        print(server.uri, server.user, server.password)

The server listens on loopback only, keeps its data under the given folder, has a bounded heap, is
ready when Bolt answers, and dies with the Python process that started it (also on SIGKILL, through
the kernel's parent-death signal).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, ServiceUnavailable

from graph.config import Neo4jSettings

NEO4J_VERSION = os.environ.get("NEO4J_LOCAL_VERSION", "5.26.30")
_POM = Path(__file__).with_name("local_neo4j.pom.xml")
_ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
_INITIAL_PASSWORD = "neo4j"  # noqa: S105 - Neo4j's documented first-start password, replaced at once
_PR_SET_PDEATHSIG = 1


class LocalServerError(RuntimeError):
    """The local Neo4j could not be resolved or started; the message says what to do."""


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "early-help-graph-api" / f"neo4j-{NEO4J_VERSION}"


def resolve_jars() -> Path:
    """Return the folder holding Neo4j Community's jars, resolving them with Maven on first use."""
    lib = cache_dir() / "lib"
    done = cache_dir() / ".complete"
    if done.exists():
        return lib
    if shutil.which("mvn") is None:
        raise LocalServerError("Maven (mvn) is needed to fetch Neo4j Community; install it first.")
    partial = cache_dir() / "lib.partial"
    shutil.rmtree(partial, ignore_errors=True)
    print(f"Resolving Neo4j Community {NEO4J_VERSION} from Maven Central (first run only)...")
    result = subprocess.run(  # noqa: S603 - fixed argument list, no user input
        [
            shutil.which("mvn") or "mvn",
            "-q",
            "-B",
            "-f",
            str(_POM),
            f"-Dneo4j.version={NEO4J_VERSION}",
            "dependency:copy-dependencies",
            f"-DoutputDirectory={partial}",
            "-DincludeScope=runtime",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        tail = (result.stdout + result.stderr)[-2000:]
        raise LocalServerError(f"mvn could not resolve Neo4j {NEO4J_VERSION}:\n{tail}")
    shutil.rmtree(lib, ignore_errors=True)
    partial.rename(lib)
    done.touch()
    return lib


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _die_with_parent() -> None:
    # Runs in the child between fork and exec: ask the kernel to SIGTERM it when the parent dies.
    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def _write_config(conf_dir: Path, data_dir: Path, port: int, heap: str, pagecache: str) -> None:
    conf_dir.mkdir(parents=True, exist_ok=True)
    settings = {
        "server.default_listen_address": "127.0.0.1",
        "server.default_advertised_address": "127.0.0.1",
        "server.bolt.listen_address": f"127.0.0.1:{port}",
        "server.bolt.advertised_address": f"127.0.0.1:{port}",
        "server.http.enabled": "false",
        "server.https.enabled": "false",
        "server.directories.data": str(data_dir / "data"),
        "server.directories.logs": str(data_dir / "logs"),
        "server.directories.run": str(data_dir / "run"),
        "server.directories.import": str(data_dir / "import"),
        "server.memory.heap.initial_size": heap,
        "server.memory.heap.max_size": heap,
        "server.memory.pagecache.size": pagecache,
        "dbms.usage_report.enabled": "false",
        "dbms.security.auth_enabled": "true",
        "db.logs.query.enabled": "OFF",
        # Without keep-alive the server sends no receive-timeout hint; with it, the async driver
        # wraps every socket read (two per result record) in a timed wait, which made a result of
        # hundreds of records cost twice as much (BENCHMARKS.md). Loopback needs no keep-alive.
        "server.bolt.connection_keep_alive_for_requests": "OFF",
    }
    text = "".join(f"{key}={value}\n" for key, value in settings.items())
    (conf_dir / "neo4j.conf").write_text(text)


@dataclass
class LocalNeo4j:
    """A running local Neo4j; ``stop()`` (or leaving ``start``'s context) ends it."""

    uri: str
    user: str
    password: str
    data_dir: Path
    process: subprocess.Popen[bytes] = field(repr=False)

    @classmethod
    @contextlib.contextmanager
    def start(
        cls,
        data_dir: Path,
        *,
        port: int | None = None,
        heap: str = "1g",
        pagecache: str = "512m",
        timeout: float = 180.0,
    ) -> Iterator[LocalNeo4j]:
        server = cls.launch(data_dir, port=port, heap=heap, pagecache=pagecache, timeout=timeout)
        try:
            yield server
        finally:
            server.stop()

    @classmethod
    def launch(
        cls,
        data_dir: Path,
        *,
        port: int | None = None,
        heap: str = "1g",
        pagecache: str = "512m",
        timeout: float = 180.0,
    ) -> LocalNeo4j:
        java = shutil.which("java")
        if java is None:
            raise LocalServerError("Java 17 is needed to run the local Neo4j; install it first.")
        lib = resolve_jars()
        data_dir = data_dir.resolve()
        data_dir.mkdir(parents=True, exist_ok=True)
        port = port or free_port()
        conf_dir = data_dir / "conf"
        _write_config(conf_dir, data_dir, port, heap, pagecache)
        log = (data_dir / "console.log").open("wb")
        process = subprocess.Popen(  # noqa: S603 - fixed argument list, no user input
            [
                java,
                f"-Xmx{heap}",
                "-XX:+UseG1GC",
                "-XX:-OmitStackTraceInFastThrow",
                "-Dfile.encoding=UTF-8",
                "-cp",
                f"{lib}/*",
                _ENTRY_POINT,
                f"--home-dir={data_dir}",
                f"--config-dir={conf_dir}",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            preexec_fn=_die_with_parent,
        )
        log.close()
        uri = f"bolt://127.0.0.1:{port}"
        server = cls(uri, "neo4j", "", data_dir, process)
        try:
            server.password = server._wait_and_authenticate(timeout)
        except BaseException:
            server.stop()
            raise
        return server

    def _wait_and_authenticate(self, timeout: float) -> str:
        password_file = self.data_dir / "password"
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise LocalServerError(
                    f"Neo4j exited with code {self.process.returncode}; see "
                    f"{self.data_dir / 'console.log'} and {self.data_dir / 'logs' / 'neo4j.log'}"
                )
            try:
                return self._authenticate(password_file)
            except (ServiceUnavailable, OSError):
                if time.monotonic() > deadline:
                    raise LocalServerError(
                        f"Neo4j did not answer on {self.uri} within {timeout:.0f}s"
                    ) from None
                time.sleep(0.5)

    def _authenticate(self, password_file: Path) -> str:
        if password_file.exists():
            password = password_file.read_text().strip()
            with GraphDatabase.driver(self.uri, auth=(self.user, password)) as driver:
                driver.verify_connectivity()
            return password
        # First start of this data folder: replace Neo4j's expired initial password with a random
        # one kept beside the data (the folder is git-ignored).
        password = secrets.token_urlsafe(24)
        try:
            with (
                GraphDatabase.driver(self.uri, auth=(self.user, _INITIAL_PASSWORD)) as driver,
                driver.session(database="system") as session,
            ):
                session.run(
                    "ALTER CURRENT USER SET PASSWORD FROM $old TO $new",
                    old=_INITIAL_PASSWORD,
                    new=password,
                ).consume()
        except AuthError as exc:
            raise LocalServerError(
                f"The data in {self.data_dir} has a password this launcher does not know; "
                "delete that folder to start afresh."
            ) from exc
        password_file.write_text(password)
        password_file.chmod(0o600)
        return password

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@contextlib.contextmanager
def configured_or_local(data_dir: Path, **options: object) -> Iterator[Neo4jSettings]:
    """The server named by ``NEO4J_URI`` if set; otherwise a local one, stopped on exit."""
    configured = Neo4jSettings.from_env()
    if configured is not None:
        yield configured
        return
    with LocalNeo4j.start(data_dir, **options) as server:  # type: ignore[arg-type]
        yield Neo4jSettings(uri=server.uri, user=server.user, password=server.password)
