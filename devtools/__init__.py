"""Development tooling, not product code: nothing in the product imports it."""

from __future__ import annotations

__all__: list[str] = []
