"""Matching records to people: identifiers first, then the model, then clusters.

1. Records with the same NHS number are one person, and so are records with the same UPN,
   whatever the model says of them (rule "nhs_number" or "upn").
2. Two records with different NHS numbers are two people, and so are two with different
   permanent UPNs: the model never links them, nor offers them for review. This keeps apart
   twins whose identifiers are known, who share a family name, a date of birth and a home.
3. Every other candidate pair is scored by the model (rule "probabilistic"): at or above
   `accept` it is a link, from `review` up to `accept` it is queued for a person, below it is
   dropped. A pair whose given names or dates of birth disagree outright (no level of their
   comparison holds) is queued at most, whatever its score: that keeps apart twins whose
   identifiers are not on the lists, and a parent and child of one name. They share all the
   rest, and the model, adding up its comparisons as if independent, counts a shared home,
   family name and birthday as three separate coincidences.
4. Clusters are the connected components of the links, grown strongest first so that no
   cluster holds two NHS numbers or two permanent UPNs; a link refused for that joins the
   review queue instead (see _clusters).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from domain.matching._clusters import cluster
from domain.matching._columns import permanent_upn
from domain.matching._model import load
from domain.matching._record import MatchRecord, Rule, ScoredPair
from domain.matching._scoring import Candidate, score

# A false link shows one person's records as another's: in this service, a disclosure. A
# missed link is a duplicate that review, or a later list, can still join. So links need the
# model to be sure (on the truth set, 0.99 keeps precision whole for a little recall, which a lower
# threshold buys back only with false links: BENCHMARKS.md), and
# everything the model thinks more likely one person than two is put before a person.
DEFAULT_ACCEPT = 0.99
DEFAULT_REVIEW = 0.5


@dataclass(frozen=True)
class MatchResult:
    model_version: str
    clusters: list[frozenset[str]]  # every record in exactly one, sorted by their smallest key
    links: list[ScoredPair]  # what the clusters were built from
    review: list[ScoredPair]  # not merged: for a person to decide


def match(
    records: Sequence[MatchRecord],
    *,
    accept: float = DEFAULT_ACCEPT,
    review: float = DEFAULT_REVIEW,
) -> MatchResult:
    """Cluster `records` into people, with the pairs that link them and those to review.

    Deterministic: the same records (in any order) with the same model give the same result.

    >>> result = match([MatchRecord.of(org, row) for row in parsed.accepted])
    >>> result.clusters[0]
    frozenset({'org-devon-county-council|DCC-000017', 'org-rd-e-nhs-foundation-trust|RDE-000412'})
    """
    if not 0 < review <= accept <= 1:
        raise ValueError(f"need 0 < review <= accept <= 1, not review={review}, accept={accept}")
    keys = [r.key for r in records]
    if len(set(keys)) != len(keys):
        raise ValueError("each record needs its own key")
    model = load()
    links: list[ScoredPair] = []
    queued: list[ScoredPair] = []
    for candidate in score(records, model, at_least=review):
        rule = _rule(candidate)
        if rule is None:
            continue
        pair = ScoredPair(
            candidate.left, candidate.right, candidate.match_weight, candidate.probability, rule
        )
        if rule != "probabilistic" or (
            pair.probability >= accept and candidate.names_and_dates_agree
        ):
            links.append(pair)
        elif pair.probability >= review:
            queued.append(pair)
    ordered = sorted(records, key=lambda r: r.key)
    clusters, refused = cluster(ordered, links)
    held = set(refused)
    return MatchResult(
        model_version=model.version,
        clusters=clusters,
        links=sorted(p for p in links if p not in held),
        review=sorted(queued + refused),
    )


def _rule(candidate: Candidate) -> Rule | None:
    """Which rule links the pair: None when identifiers say they are two people."""
    nhs_l, nhs_r = candidate.nhs_numbers
    if nhs_l is not None and nhs_l == nhs_r:
        return "nhs_number"
    upn_l, upn_r = candidate.upns
    if upn_l is not None and upn_l == upn_r:
        return "upn"
    if nhs_l is not None and nhs_r is not None:
        return None
    permanent_l, permanent_r = permanent_upn(upn_l), permanent_upn(upn_r)
    if permanent_l is not None and permanent_r is not None:
        return None
    return "probabilistic"
