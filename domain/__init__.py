"""Pure rules of the domain: no I/O, the standard library only (DESIGN.md, Architecture)."""

from __future__ import annotations

from domain import consent, survivorship

__all__ = ["consent", "survivorship"]
