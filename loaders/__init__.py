"""Request-scoped DataLoaders over the graph repositories."""

from __future__ import annotations

from loaders.loaders import Loaders, create_loaders

__all__ = ["Loaders", "create_loaders"]
