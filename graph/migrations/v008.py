"""Migration 8: partner uploads and their source records (graph.uploads)."""

from __future__ import annotations

from graph.migrations._migration import Migration

MIGRATION = Migration(
    8,
    "partner uploads and their source records",
    (
        "CREATE CONSTRAINT upload_id IF NOT EXISTS FOR (n:Upload) REQUIRE n.id IS UNIQUE",
        "CREATE INDEX upload_content IF NOT EXISTS "
        "FOR (n:Upload) ON (n.organisationId, n.contentSha256)",
        "CREATE INDEX upload_received IF NOT EXISTS FOR (n:Upload) ON (n.receivedAt)",
        "CREATE INDEX upload_rejection IF NOT EXISTS "
        "FOR (n:UploadRejection) ON (n.uploadId, n.ordinal)",
        "CREATE CONSTRAINT source_record_key IF NOT EXISTS "
        "FOR (n:SourceRecord) REQUIRE n.sourceKey IS UNIQUE",
    ),
)
