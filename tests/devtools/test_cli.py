"""The command-line entry points a developer types, with their bad input."""

from __future__ import annotations

import subprocess
import sys

from tests.api.conftest import ROOT


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own modules
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_demo_token_for_one_user_is_a_bare_jwt() -> None:
    result = _run("devtools.demo_tokens", "user-demo-practitioner")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count(".") == 2
    assert result.stdout.startswith("ey")


def test_unknown_demo_user_is_a_clear_error() -> None:
    result = _run("devtools.demo_tokens", "user-nobody")
    assert result.returncode == 2
    assert "unknown demo user user-nobody" in result.stderr
    assert "user-demo-practitioner" in result.stderr


def test_serve_rejects_a_non_positive_people_count() -> None:
    result = _run("devtools.serve", "--people", "0")
    assert result.returncode == 2
    assert "--people must be at least 1" in result.stderr
