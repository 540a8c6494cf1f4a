"""The graph layer: Neo4j access, records, row visibility, Cypher repositories and migrations.

Knows nothing of GraphQL. Repositories (``people``, ``families``, ``links``, ``organisations``)
are modules of transaction functions, run through :class:`Database`.
"""

from __future__ import annotations

from graph import (
    access_changes,
    access_register,
    break_glass,
    catalogue,
    consent,
    families,
    family_status,
    links,
    organisations,
    people,
    records,
    sharing_decisions,
    teams,
)
from graph._cypher import QueryStats, counting_queries
from graph.access_register import AccessRegister
from graph.config import Neo4jSettings
from graph.database import Database
from graph.errors import GraphError, GraphUnavailable
from graph.migrations import MIGRATIONS, migrate
from graph.organisation_sectors import OrganisationSectors
from graph.visibility import Viewer

__all__ = [
    "MIGRATIONS",
    "AccessRegister",
    "Database",
    "GraphError",
    "GraphUnavailable",
    "Neo4jSettings",
    "OrganisationSectors",
    "QueryStats",
    "Viewer",
    "access_changes",
    "access_register",
    "break_glass",
    "catalogue",
    "consent",
    "counting_queries",
    "families",
    "family_status",
    "links",
    "migrate",
    "organisations",
    "people",
    "records",
    "sharing_decisions",
    "teams",
]
