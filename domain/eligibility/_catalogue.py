"""The criterion catalogue: every indicator code the frameworks in force know, each once.

The frameworks are the one source of truth for which codes a partner's list may name: intake
accepts exactly these, and the graph's `Criterion` nodes are written from them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from domain.eligibility._framework import Framework


@dataclass(frozen=True)
class CatalogueEntry:
    """One indicator code as the catalogue shows it: named as the first framework naming it
    words it (frameworks in the order given, which is the national ones first)."""

    code: str
    name: str
    headline: str
    framework: str


def criterion_catalogue(frameworks: Iterable[Framework]) -> tuple[CatalogueEntry, ...]:
    """Every indicator code of ``frameworks``, once each, in code order.

    >>> codes = [e.code for e in criterion_catalogue(builtin_frameworks())]
    >>> "CR1" in codes and "SF-HLT-1" in codes
    True
    """
    entries: dict[str, CatalogueEntry] = {}
    for framework in frameworks:
        for indicator in framework.indicators:
            if indicator.code not in entries:
                entries[indicator.code] = CatalogueEntry(
                    indicator.code, indicator.name, indicator.headline, framework.id
                )
    return tuple(entries[code] for code in sorted(entries))
