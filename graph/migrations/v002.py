"""Migration 2: lookup indexes for dashboard filters."""

from __future__ import annotations

from graph.migrations._migration import Migration

MIGRATION = Migration(
    2,
    "lookup indexes for dashboard filters",
    (
        "CREATE TEXT INDEX person_name_key IF NOT EXISTS FOR (n:Person) ON (n.nameKey)",
        "CREATE INDEX person_date_of_birth IF NOT EXISTS FOR (n:Person) ON (n.dateOfBirth)",
        "CREATE INDEX address_postcode_district IF NOT EXISTS "
        "FOR (n:Address) ON (n.postcodeDistrict)",
        "CREATE INDEX address_uprn IF NOT EXISTS FOR (n:Address) ON (n.uprn)",
        "CREATE INDEX family_status IF NOT EXISTS FOR (n:Family) ON (n.status)",
    ),
)
