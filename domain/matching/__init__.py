"""Recognising one person across partners' lists: identifiers first, then a Splink model.

    records = [MatchRecord.of(organisation_id, row) for row in parsed.accepted]
    result = match(records)          # clusters of source keys, links, pairs to review
    result.model_version             # stored with every link, so a decision can be traced
    evaluate(result, truth)          # pairwise precision and recall against a truth set

Equal NHS numbers (or UPNs) link unless the records' dates of birth or sexes disagree beyond a
typo (then a person reviews them); different ones never link. Other pairs are scored by a Splink
model (DuckDB backend) trained unsupervised (u from random pairs, m by expectation maximisation)
and committed as model.json: matching trains nothing and fetches nothing. Pairs scoring at least
`accept` (0.99) are linked, from `review` (0.5) they wait for a person, and rules around the model
hold apart what strong evidence says are two people whatever the score (twins, namesakes far
away, two unknown dates of birth). Clusters are connected components of the links that never
hold two NHS numbers, nor two records held apart. The rules are in _match, what the model
compares in _comparisons and _columns, its blocking rules in _model; retrain with
``python -m devtools.matching_model`` (see that module) and measure with ``python -m
bench.matching`` and ``./dev bench linkage``.

This package imports splink and duckdb, and the name data (anyascii, jellyfish, nicknames);
``import domain`` does not import it. Text folding comes from the vocabulary, and the UK
identifiers from ``intake.identifiers``.
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
