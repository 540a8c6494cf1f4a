"""Migration 10: addresses keyed by UPRN or normalised address (graph.households)."""

from __future__ import annotations

from graph.migrations._migration import Migration

MIGRATION = Migration(
    10,
    "addresses keyed by UPRN or normalised address",
    ("CREATE CONSTRAINT address_key IF NOT EXISTS FOR (n:Address) REQUIRE n.addressKey IS UNIQUE",),
)
