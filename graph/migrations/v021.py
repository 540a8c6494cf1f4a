"""Migration 21: the register of users and its changes (graph.access_changes)."""

from __future__ import annotations

from graph.migrations._migration import Migration

MIGRATION = Migration(
    21,
    "the register of users and its changes",
    (
        "CREATE CONSTRAINT access_change_id IF NOT EXISTS "
        "FOR (n:AccessChange) REQUIRE n.id IS UNIQUE",
        "CREATE INDEX access_change_at IF NOT EXISTS FOR (n:AccessChange) ON (n.at)",
        "CREATE INDEX access_change_user IF NOT EXISTS FOR (n:AccessChange) ON (n.userId)",
        "CREATE INDEX access_change_organisation IF NOT EXISTS "
        "FOR (n:AccessChange) ON (n.organisationId)",
        "CREATE INDEX user_status IF NOT EXISTS FOR (n:User) ON (n.status)",
        # Users from before the register: `active` was their approval. None has accepted the user
        # agreement, so each must accept it before being served again.
        "MATCH (u:User) WHERE u.status IS NULL "
        "SET u.status = CASE WHEN u.active = true THEN 'APPROVED' ELSE 'SUSPENDED' END, "
        "u.kind = CASE WHEN 'partner_system' IN coalesce(u.roles, []) "
        "THEN 'SYSTEM' ELSE 'PERSON' END",
    ),
)
