"""Pure rules of the domain: no I/O, the standard library only (DESIGN.md, Architecture)."""

from __future__ import annotations

from domain import consent

__all__ = ["consent"]
