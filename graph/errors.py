"""Errors of the graph layer.

    GraphError
     └── GraphUnavailable   Neo4j could not be reached, or dropped the transaction (retry later)

Driver exceptions are mapped to these in one place (``graph.database``); nothing above ``graph/``
sees a ``neo4j.exceptions`` type.
"""

from __future__ import annotations


class GraphError(Exception):
    """Base of the graph layer's errors."""


class GraphUnavailable(GraphError):
    """Neo4j is unreachable or unable to serve the request now."""
