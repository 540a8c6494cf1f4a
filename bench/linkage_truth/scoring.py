"""A matcher's clusters scored against the truth: pairwise precision and recall, people split or
merged, the review queue, misses by corruption and false merges by kind."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

from bench.linkage_truth.corruptions import CORRUPTIONS
from bench.linkage_truth.lists import TruthSet
from bench.linkage_truth.population import HAZARDS

NONE = "none"
SEVERAL = "several"
PLACEHOLDER_DATES = "both dates of birth placeholders"
SAME_HOUSEHOLD = "same household, other"
OTHER = "other"
FALSE_MERGE_KINDS = (*HAZARDS, PLACEHOLDER_DATES, SAME_HOUSEHOLD, OTHER)
_PLACEHOLDERS = {"dob_unknown", "dob_year_only"}


@dataclass(frozen=True)
class Tally:
    pairs: int = 0
    missed: int = 0  # for hazards: merged
    reviewed: int = 0  # of the missed (for hazards: of the pairs), sent to review


@dataclass(frozen=True)
class Report:
    records: int
    people: int
    true_pairs: int
    predicted_pairs: int
    true_positives: int
    over_merged_people: int
    split_people: int
    review_pairs: int
    review_records: int
    misses: dict[str, Tally]  # corruption (or NONE, SEVERAL) -> pairs of one person
    false_merges: Counter[str]  # kind -> merged pairs of different people
    hazards: dict[str, Tally]  # kind -> pairs of records of people who must not be linked
    missed_pairs: list[tuple[str, str, tuple[str, ...] | str]]  # with the corruptions
    merged_pairs: list[tuple[str, str, tuple[str, ...] | str]]  # with the kind

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted_pairs if self.predicted_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.true_pairs if self.true_pairs else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def differing(left: dict[str, str], right: dict[str, str]) -> tuple[str, ...]:
    """The corruptions that tell two rows of one person apart."""
    return tuple(k for k in CORRUPTIONS if left.get(k) != right.get(k))


def score(truth: TruthSet, accepted: Iterable[str], clusters: Iterable[Iterable[str]],
          review: Iterable[tuple[str, str]]) -> Report:  # fmt: skip
    """Score clusters of row keys (rows intake rejected are left out of the truth)."""
    keys = set(accepted)
    cluster_of: dict[str, int] = {}
    for number, cluster in enumerate(clusters):
        for key in cluster:
            if key in keys:
                cluster_of[key] = number
    for key in keys - cluster_of.keys():  # a row the matcher left out stands alone
        cluster_of[key] = -1 - len(cluster_of)
    rows_of: dict[str, list[str]] = defaultdict(list)
    for key in sorted(keys):
        rows_of[truth.truth[key]].append(key)
    members: dict[int, list[str]] = defaultdict(list)
    for key, number in cluster_of.items():
        members[number].append(key)
    review_set = {frozenset(pair) for pair in review if set(pair) <= keys}

    misses: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    missed_pairs: list[tuple[str, str, tuple[str, ...] | str]] = []
    true_pairs = true_positives = 0
    for rows in rows_of.values():
        for a, b in combinations(rows, 2):
            kinds = differing(truth.corruptions[a], truth.corruptions[b])
            bucket = misses[kinds[0] if len(kinds) == 1 else (SEVERAL if kinds else NONE)]
            bucket[0] += 1
            true_pairs += 1
            if cluster_of[a] == cluster_of[b]:
                true_positives += 1
            else:
                bucket[1] += 1
                bucket[2] += frozenset((a, b)) in review_set
                missed_pairs.append((a, b, kinds))

    false_merges: Counter[str] = Counter()
    merged_pairs: list[tuple[str, str, tuple[str, ...] | str]] = []
    predicted = 0
    over_merged: set[str] = set()
    for rows in members.values():
        predicted += len(rows) * (len(rows) - 1) // 2
        for a, b in combinations(sorted(rows), 2):
            pa, pb = truth.truth[a], truth.truth[b]
            if pa != pb:
                kind = _false_merge_kind(truth, a, b)
                false_merges[kind] += 1
                merged_pairs.append((a, b, kind))
                over_merged |= {pa, pb}

    hazards: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for pair, kind in truth.hazards.items():
        first, second = sorted(pair)
        for a in rows_of.get(first, []):
            for b in rows_of.get(second, []):
                tally = hazards[kind]
                tally[0] += 1
                tally[1] += cluster_of[a] == cluster_of[b]
                tally[2] += frozenset((a, b)) in review_set

    split = sum(1 for rows in rows_of.values() if len({cluster_of[k] for k in rows}) > 1)
    return Report(
        records=len(keys),
        people=len(rows_of),
        true_pairs=true_pairs,
        predicted_pairs=predicted,
        true_positives=true_positives,
        over_merged_people=len(over_merged),
        split_people=split,
        review_pairs=len(review_set),
        review_records=len({k for pair in review_set for k in pair}),
        misses={k: Tally(*v) for k, v in misses.items()},
        false_merges=false_merges,
        hazards={k: Tally(*v) for k, v in hazards.items()},
        missed_pairs=missed_pairs,
        merged_pairs=merged_pairs,
    )


def _false_merge_kind(truth: TruthSet, a: str, b: str) -> str:
    pa, pb = truth.truth[a], truth.truth[b]
    kind = truth.hazards.get(frozenset((pa, pb)))
    if kind is not None:
        return kind
    if _PLACEHOLDERS & truth.corruptions[a].keys() and _PLACEHOLDERS & truth.corruptions[b].keys():
        return PLACEHOLDER_DATES
    if truth.households[pa] == truth.households[pb]:
        return SAME_HOUSEHOLD
    return OTHER


def markdown(report: Report) -> str:
    """The report as Markdown tables for BENCHMARKS.md."""
    share = report.review_records / report.records if report.records else 0.0
    lines = [
        "| rows | people | precision | recall | F1 | over-merged people | split people "
        "| review pairs | rows in review |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| {report.records:,} | {report.people:,} | {report.precision:.4f} "
        f"| {report.recall:.4f} | {report.f1:.4f} | {report.over_merged_people:,} "
        f"| {report.split_people:,} | {report.review_pairs:,} "
        f"| {report.review_records:,} ({share:.1%}) |",
        "",
        "Misses by corruption (pairs of one person's rows that differ by that corruption only):",
        "",
        "| corruption | pairs | missed | share missed | missed but in review |",
        "|---|---:|---:|---:|---:|",
    ]
    for kind in (NONE, *CORRUPTIONS, SEVERAL):
        tally = report.misses.get(kind, Tally())
        label = "none (rows agree)" if kind == NONE else (
            "two or more" if kind == SEVERAL else CORRUPTIONS[kind])  # fmt: skip
        rate = f"{tally.missed / tally.pairs:.0%}" if tally.pairs else "-"
        lines.append(f"| {label} | {tally.pairs:,} | {tally.missed:,} | {rate} "
                     f"| {tally.reviewed:,} |")  # fmt: skip
    lines += [
        "",
        "Pairs that must not be linked (rows of two people) and false merges by kind:",
        "",
        "| kind | pairs of rows | merged | share merged | sent to review |",
        "|---|---:|---:|---:|---:|",
    ]
    for kind in HAZARDS:
        tally = report.hazards.get(kind, Tally())
        rate = f"{tally.missed / tally.pairs:.0%}" if tally.pairs else "-"
        lines.append(f"| {kind} | {tally.pairs:,} | {tally.missed:,} | {rate} "
                     f"| {tally.reviewed:,} |")  # fmt: skip
    false_total = report.predicted_pairs - report.true_positives
    lines += ["", f"False merges, {false_total:,} pairs of rows in all:", "",
              "| kind | pairs |", "|---|---:|"]  # fmt: skip
    lines += [f"| {kind} | {report.false_merges.get(kind, 0):,} |" for kind in FALSE_MERGE_KINDS]
    return "\n".join(lines)
