"""A framework version as values: its headlines, the indicators evidencing them, its threshold.

Frameworks are data (JSON files read by `_load`), never code, so a council adds its local
outcome plan without a release; these classes are what a loaded file becomes.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Headline:
    """One headline problem (2015) or headline need (2022): `code` is what decisions record."""

    code: str
    name: str


# How long evidence counts when a framework file does not say: the working practice agreement
# keeps a partner's data for an annual cycle, since lists arrive at different times of the year,
# and the indicators themselves speak of "the last 12 months" or "the last three terms".
DEFAULT_EVIDENCE_MONTHS = 12


@dataclass(frozen=True)
class Indicator:
    """A criterion a partner reports about a person (e.g. "CR1"), the headline it evidences, and
    for how many months after its evidence date a report of it counts."""

    code: str
    name: str
    headline: str
    evidence_months: int = DEFAULT_EVIDENCE_MONTHS


@dataclass(frozen=True)
class Rule:
    min_headlines: int
    requires_dependent_child_or_expectant_parent: bool


@dataclass(frozen=True)
class Framework:
    """One version of one eligibility framework.

    `headline_term` is the framework's own word for a headline ("headline problem" in 2015,
    "headline need" in 2022), used in the reasons recorded on a family.
    """

    id: str
    version: str
    name: str
    source: str
    headline_term: str
    headlines: tuple[Headline, ...]
    rule: Rule
    indicators: tuple[Indicator, ...]

    def indicator(self, code: str) -> Indicator | None:
        # A linear scan: a framework has tens of indicators, and a tuple keeps the class hashable.
        return next((i for i in self.indicators if i.code == code), None)

    def headline(self, code: str) -> Headline | None:
        return next((h for h in self.headlines if h.code == code), None)
