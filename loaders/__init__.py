"""Request-scoped DataLoaders over the graph repositories, and the reads the API's intake and
matching queries start from (``intake``, ``matching``)."""

from __future__ import annotations

from loaders import intake, matching
from loaders.loaders import Loaders, create_loaders

__all__ = ["Loaders", "create_loaders", "intake", "matching"]
