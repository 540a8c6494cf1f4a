"""Versioned, idempotent schema migrations, applied at start-up.

Each migration is a module of its own, ``v<NNN>.py``, holding its statements as literals: safe
to run twice (``IF NOT EXISTS``), and for data Cypher cannot compute as Python does, a rewrite
that is safe to run twice too. The version is recorded on a ``:SchemaMigration`` node once all its
statements have run, so a process that dies half-way simply runs that migration again. Several
API processes may start together: they run the same idempotent statements and record the same
versions.

A migration, once released, never changes: add a new one instead. ``digests.txt`` records the
sha256 of each released migration's statements, and a test fails when they differ. To add one,
write the next ``v<NNN>.py``, add it to ``_history.py`` and its line to ``digests.txt``.
"""

from __future__ import annotations

from graph.migrations._apply import migrate
from graph.migrations._history import MIGRATIONS
from graph.migrations._migration import Migration

__all__ = ["MIGRATIONS", "Migration", "migrate"]
