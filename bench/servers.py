"""The API processes the benchmarks start: waiting until one answers."""

from __future__ import annotations

import subprocess
import time

import httpx


def wait_ready(url: str, process: subprocess.Popen[bytes], timeout: float = 120) -> None:
    """Return once ``url``'s ``/readyz`` answers 200; fail if the process exits or time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the API process exited; see its output above")
        try:
            if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError("the API did not become ready")
