"""Recognising one person across partners' lists: identifiers first, then a Splink model.

    records = [MatchRecord.of(organisation_id, row) for row in parsed.accepted]
    result = match(records)          # clusters of source keys, links, pairs to review
    result.model_version             # stored with every link, so a decision can be traced
    evaluate(result, truth)          # pairwise precision and recall against a truth set

Equal NHS numbers (or UPNs) link whatever the model says; different ones never link. Other pairs are
scored by a Splink model (DuckDB backend) trained once on a synthetic truth set
(devtools.synthetic.partner_lists) and committed as model.json: matching trains nothing and fetches
nothing. Pairs scoring at least `accept` (0.99) are linked, unless their given names or dates of
birth disagree outright; from `review` (0.5) they wait for a person. Clusters are connected
components of the links that never hold two NHS numbers. The rules are in _match, the model's
comparisons and blocking rules in _model; retrain with ``python -m devtools.matching_model`` (see
that module) and measure with ``python -m bench.matching``.

This package imports splink and duckdb; ``import domain`` does not import it. Text folding comes
from the vocabulary, and the UK identifiers from ``intake.identifiers``.
"""

from __future__ import annotations

from domain.matching._evaluation import Scores, evaluate
from domain.matching._match import DEFAULT_ACCEPT, DEFAULT_REVIEW, MatchResult, match
from domain.matching._record import MatchRecord, Rule, ScoredPair

__all__ = [
    "DEFAULT_ACCEPT",
    "DEFAULT_REVIEW",
    "MatchRecord",
    "MatchResult",
    "Rule",
    "ScoredPair",
    "Scores",
    "evaluate",
    "match",
]
