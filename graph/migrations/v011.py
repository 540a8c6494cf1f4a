"""Migration 11: households over time, by id and address (graph.households)."""

from __future__ import annotations

from graph.migrations._migration import Migration

MIGRATION = Migration(
    11,
    "households over time, by id and address",
    (
        "CREATE CONSTRAINT household_id IF NOT EXISTS FOR (n:Household) REQUIRE n.id IS UNIQUE",
        "CREATE INDEX household_address_key IF NOT EXISTS FOR (n:Household) ON (n.addressKey)",
    ),
)
