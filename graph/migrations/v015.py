"""Migration 15: people in name order from an index.

The text index of migration 2 answers ``name`` filters (CONTAINS); this one hands out people in
name order, so a page of ``people`` reads its rows from the index instead of sorting everyone.
"""

from __future__ import annotations

from graph.migrations._migration import Migration

MIGRATION = Migration(
    15,
    "people in name order from an index",
    ("CREATE RANGE INDEX person_name_order IF NOT EXISTS FOR (n:Person) ON (n.nameKey)",),
)
