"""Request-scoped reads over the graph repositories: the DataLoaders of each level of a query, and
the top-level pages and single reads (``Loaders.reads``), and the reads the matching and upload
queries start from (``matching``, ``intake``), run through ``Loaders.reads.run``.

Also names the records they hand out (``records``, ``Registration``, ...): they are defined by the
graph layer, which builds them from what Neo4j returns, and the API takes them from here, so it
imports ``loaders``, never ``graph``.
"""

from __future__ import annotations

from audit.listings import DisclosureRecord
from graph import records
from graph.access_changes import AccessChange
from graph.access_register import Registration
from graph.families import FamilyFilter
from graph.family_status import PastDecision
from graph.people import PersonFilter
from loaders import intake, matching
from loaders.loaders import Loaders, create_loaders
from loaders.reads import Reads

__all__ = [
    "AccessChange",
    "DisclosureRecord",
    "FamilyFilter",
    "Loaders",
    "PastDecision",
    "PersonFilter",
    "Reads",
    "Registration",
    "create_loaders",
    "intake",
    "matching",
    "records",
]
