"""People from links: connected components, grown strongest link first, that never hold two
different NHS numbers (or two different permanent UPNs).

Our own union-find rather than Splink's clustering, for that one constraint: two records with
different NHS numbers are two people, and a record that matches both (a twin's record without an
NHS number, say) must not join them through itself. Links are applied in order (NHS numbers,
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
    records: Sequence[MatchRecord], links: Iterable[ScoredPair]
) -> tuple[list[frozenset[str]], list[ScoredPair]]:
    """Every record in exactly one cluster (sorted by their first key), and the links refused."""
    parent = {r.key: r.key for r in records}
    nhs = {r.key: _set(r.nhs_number) for r in records}
    upns = {r.key: _set(permanent_upn(r.upn)) for r in records}

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
        if link.rule != "nhs_number" and (_disjoint(nhs[a], nhs[b]) or _disjoint(upns[a], upns[b])):
            refused.append(link)
            continue
        a, b = min(a, b), max(a, b)  # the smaller key is the root: the same input, the same trees
        parent[b] = a
        nhs[a] |= nhs.pop(b)
        upns[a] |= upns.pop(b)

    members: dict[str, set[str]] = {}
    for key in parent:
        members.setdefault(root(key), set()).add(key)
    clusters = sorted((frozenset(m) for m in members.values()), key=min)
    return clusters, refused
