"""People from links: connected components, grown strongest link first, that never hold two
different NHS numbers (or two different permanent UPNs), nor two records a rule held apart.

Our own union-find rather than Splink's clustering, for those constraints: two records with
different NHS numbers are two people, and a record that matches both (a twin's record without an
NHS number, say) must not join them through itself; nor may a chain of links join two records
that strong contrary evidence keeps apart (twins, namesakes in other towns, a shared NHS number
on two people born years apart: see _match). Links are applied in order (NHS numbers,
then UPNs, then the model's links by weight), so the strongest evidence decides; a link refused
by the constraint is returned, for a person to review.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from domain.matching._columns import permanent_upn
from domain.matching._record import MatchRecord, ScoredPair

_RULE_ORDER = {"nhs_number": 0, "upn": 1, "probabilistic": 2}


def _set(value: str | None) -> frozenset[str]:
    return frozenset() if value is None else frozenset({value})


def _disjoint(a: frozenset[str], b: frozenset[str]) -> bool:
    return bool(a) and bool(b) and not a & b


def cluster(
    records: Sequence[MatchRecord],
    links: Iterable[ScoredPair],
    apart: Iterable[tuple[str, str]] = (),
) -> tuple[list[frozenset[str]], list[ScoredPair]]:
    """Every record in exactly one cluster (sorted by their first key), and the links refused.

    No cluster holds both records of a pair in ``apart``.
    """
    parent = {r.key: r.key for r in records}
    nhs = {r.key: _set(r.nhs_number) for r in records}
    upns = {r.key: _set(permanent_upn(r.upn)) for r in records}
    members = {r.key: {r.key} for r in records}
    kept_from: dict[str, set[str]] = {}
    for left, right in apart:
        kept_from.setdefault(left, set()).add(right)
        kept_from.setdefault(right, set()).add(left)

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]  # path halving keeps the trees flat
            key = parent[key]
        return key

    refused = []
    ordered = sorted(links, key=lambda p: (_RULE_ORDER[p.rule], -p.match_weight, p.left, p.right))
    for link in ordered:
        a, b = root(link.left), root(link.right)
        if a == b:
            continue
        if (
            link.rule != "nhs_number" and (_disjoint(nhs[a], nhs[b]) or _disjoint(upns[a], upns[b]))
        ) or (kept_from and _held(kept_from, members[a], members[b])):
            refused.append(link)
            continue
        a, b = min(a, b), max(a, b)  # the smaller key is the root: the same input, the same trees
        parent[b] = a
        nhs[a] |= nhs.pop(b)
        upns[a] |= upns.pop(b)
        members[a] |= members.pop(b)

    clusters = sorted((frozenset(m) for m in members.values()), key=min)
    return clusters, refused


def _held(kept_from: dict[str, set[str]], one: set[str], other: set[str]) -> bool:
    """Whether a record of one cluster is held apart from a record of the other."""
    small, large = (one, other) if len(one) <= len(other) else (other, one)
    return any(not kept_from.get(key, set()).isdisjoint(large) for key in small)
