"""How good a matching is against the truth: pairwise precision and recall.

A pair of records is predicted when both are in one cluster, and true when both are about one
person. Precision is the share of predicted pairs that are true, recall the share of true pairs
that are predicted. Pairs are counted, not listed, so a cluster of n records costs O(n).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from domain.matching._match import MatchResult


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    f1: float
    true_positives: int  # predicted pairs that are true
    predicted_pairs: int
    true_pairs: int
    records: int
    clusters: int
    people: int


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def evaluate(result: MatchResult, truth: Mapping[str, str]) -> Scores:
    """Scores of `result` against `truth` (source key -> person id) over the result's records.

    A record missing from the truth raises KeyError: it could only be scored by a guess.
    """
    true_positives = predicted = 0
    per_person: Counter[str] = Counter()
    for members in result.clusters:
        people = Counter(truth[key] for key in members)
        per_person.update(people)
        predicted += _pairs(len(members))
        true_positives += sum(_pairs(n) for n in people.values())
    true_pairs = sum(_pairs(n) for n in per_person.values())
    precision = true_positives / predicted if predicted else 1.0
    recall = true_positives / true_pairs if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(
        precision=precision,
        recall=recall,
        f1=f1,
        true_positives=true_positives,
        predicted_pairs=predicted,
        true_pairs=true_pairs,
        records=sum(per_person.values()),
        clusters=len(result.clusters),
        people=len(per_person),
    )
