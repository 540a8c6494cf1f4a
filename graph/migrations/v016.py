"""Migration 16: name keys without accents.

Keys were lower-cased only, so "lukasz" did not find Łukasz. The keys are data Cypher cannot
compute as Python does, so the migration runs code: every person's key as
:func:`graph.people.refresh_all_name_keys` makes it, in batches. It runs the folding of the code
of the day, not a frozen copy: a database that has not yet run it gets today's keys directly, and
a later change to the folding needs a migration of its own for databases that have.
"""

from __future__ import annotations

from graph import people
from graph.migrations._migration import Migration

MIGRATION = Migration(16, "name keys without accents", (), rewrite=people.refresh_all_name_keys)
