"""Migration 4: break-glass grants and notifications (graph.break_glass)."""

from __future__ import annotations

from graph.migrations._migration import Migration

MIGRATION = Migration(
    4,
    "break-glass grants and notifications",
    (
        "CREATE CONSTRAINT break_glass_id IF NOT EXISTS FOR (n:BreakGlass) REQUIRE n.id IS UNIQUE",
        "CREATE INDEX break_glass_user IF NOT EXISTS FOR (n:BreakGlass) ON (n.userId)",
        "CREATE CONSTRAINT notification_id IF NOT EXISTS "
        "FOR (n:Notification) REQUIRE n.id IS UNIQUE",
        "CREATE INDEX notification_created IF NOT EXISTS FOR (n:Notification) ON (n.createdAt)",
    ),
)
