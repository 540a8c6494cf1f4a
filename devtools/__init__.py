"""Tooling for developers, tests and benchmarks, not product code: the local Neo4j launcher,
synthetic data, token minting, the table printers, the schema and model writers, and the
commands of ``./dev`` (``serve``, ``demo_tokens``, ``intake_command``). No product package
imports it (tests/test_architecture.py)."""

from __future__ import annotations

__all__: list[str] = []
