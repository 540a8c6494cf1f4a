"""Matching records to people: identifiers first, then the model, then clusters.

1. Records with the same NHS number are one person, and so are records with the same UPN, whatever
   the model says of them (rule "nhs_number" or "upn"), unless their dates of birth or sexes
   disagree beyond a typo: a number copied onto the wrong record (a mother's on her son's) does
   not make two people one. Such a pair is held apart and queued for a person.
2. Two records with different NHS numbers are two people, and so are two with different
   permanent UPNs: the model never links them, nor offers them for review. This keeps apart
   twins whose identifiers are known, who share a family name, a date of birth and a home.
   A number disputed under rule 1 says nothing either way: its record is matched as if it had
   none (so the son's record carrying his mother's number can join his other records).
3. Every other candidate pair is scored by the model (rule "probabilistic"): at or above
   `accept` it is a link, from `review` up to `accept` it is queued for a person, below it is
   dropped. Whatever its score, a pair is queued at most, and held apart, when strong evidence
   says two people, evidence the model (adding up its comparisons as if independent) would
   outvote with a shared home, family name and birthday counted as three coincidences:
   - its given names or dates of birth disagree outright (no level of their comparison holds):
     twins whose identifiers are not on the lists, a parent and child of one name;
   - one home, one full date of birth and two given names that are not forms of one name nor
     sound alike (twins, even Isla and Isha), unless one is a typing slip of the other (see
     _one_is_a_slip); names transliterated here from another script are not compared so;
   - another region of the country (see _regions) and no shared identifier: namesakes born the
     same day rather than one person who moved (most moves are near), unless another person's
     records join the same two addresses (a household that moved together). Another town in
     the same region only counts against the pair in the model;
   - dates of birth unknown on both sides (missing, or a placeholder such as 1900-01-01) and
     names not equal: nothing but a similar name and an address would join them.
   A held pair that is plainly two people is not queued: dates of birth that disagree outright,
   twins whose two names each appear on more than one record.
4. Clusters are the connected components of the links, grown strongest first so that no
   cluster holds two NHS numbers or two permanent UPNs, nor two records held apart; a link
   refused for that joins the review queue instead (see _clusters).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from jellyfish import damerau_levenshtein_distance

from domain.matching._clusters import cluster
from domain.matching._columns import name, permanent_upn
from domain.matching._model import load
from domain.matching._nicknames import full_forms, known
from domain.matching._record import MatchRecord, Rule, ScoredPair
from domain.matching._scoring import Candidate, score
from domain.matching._slips import keystroke_apart

# A false link shows one person's records as another's: in this service, a disclosure. A
# missed link is a duplicate that review, or a later list, can still join. So links need the
# model to be sure (on the truth set, 0.99 keeps precision whole for a little recall, which a lower
# threshold buys back only with false links: BENCHMARKS.md), and
# everything the model thinks more likely one person than two is put before a person.
DEFAULT_ACCEPT = 0.99
DEFAULT_REVIEW = 0.5

# How much rarer than another name a given name must be to be taken for a slip of it, when more
# than one record carries it (see _one_is_a_slip).
SLIP_RARITY = 50


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
    given_names = Counter(name(r.given_name) for r in records)
    scored = score(records, model, at_least=review)
    disputed = _disputed_numbers(scored)
    candidates = [
        (candidate, rule)
        for candidate in scored
        if (rule := _rule(candidate, disputed)) is not None
    ]
    moved = _moved_together(c for c, rule in candidates if rule == "probabilistic")
    links: list[ScoredPair] = []
    queued: list[ScoredPair] = []
    apart: list[tuple[str, str]] = []
    for candidate, rule in candidates:
        pair = ScoredPair(
            candidate.left, candidate.right, candidate.match_weight, candidate.probability, rule
        )
        if _held(candidate, rule, given_names, moved):
            apart.append((pair.left, pair.right))
            if not _two_people(candidate, rule, given_names):
                queued.append(pair)
        elif rule != "probabilistic" or pair.probability >= accept:
            links.append(pair)
        elif pair.probability >= review:
            queued.append(pair)
    ordered = sorted(
        (replace(r, nhs_number=None) if r.key in disputed else r for r in records),
        key=lambda r: r.key,
    )
    clusters, refused = cluster(ordered, links, apart)
    held_back = set(refused)
    return MatchResult(
        model_version=model.version,
        clusters=clusters,
        links=sorted(p for p in links if p not in held_back),
        review=sorted(queued + refused),
    )


def _held(
    candidate: Candidate,
    rule: Rule,
    given_names: Counter[str | None],
    moved: frozenset[tuple[str | None, str | None]],
) -> bool:
    """Whether strong contrary evidence keeps the pair apart (queued for a person at most)."""
    if rule != "probabilistic":
        return candidate.dob_differs or candidate.sex_differs
    return (
        candidate.given_differs
        or candidate.dob_differs
        or (candidate.twins and not _one_is_a_slip(candidate.given_names, given_names))
        or (candidate.other_regions and _homes(candidate) not in moved)
        or (candidate.dobs_unknown and not candidate.names_equal)
    )


def _two_people(candidate: Candidate, rule: Rule, given_names: Counter[str | None]) -> bool:
    """Whether a held pair is plainly two people, not worth a person's review: dates of birth
    that disagree outright, or twins whose names each more than one record carries."""
    if rule != "probabilistic":
        return False
    return candidate.dob_differs or (
        candidate.twins and all(given_names[n] > 1 for n in candidate.given_names)
    )


def _homes(candidate: Candidate) -> tuple[str | None, str | None]:
    left, right = candidate.postcodes
    return (left, right) if (left or "") <= (right or "") else (right, left)


def _moved_together(
    candidates: Iterable[Candidate],
) -> frozenset[tuple[str | None, str | None]]:
    """The pairs of postcodes in two regions that two people's pairs of records join.

    A household that moved is seen at both homes by each of its members; a namesake born the
    same day far away is one coincidence, and two at the same two addresses are none.
    Two pairs are of two people when neither's given names are among the other's names (so a
    pair with its names swapped is not another person).
    """
    seen: dict[tuple[str | None, str | None], list[tuple[set[str | None], set[str | None]]]] = {}
    moved = set()
    for candidate in candidates:
        if not candidate.other_regions or candidate.given_differs or candidate.dob_differs:
            continue
        given = set(candidate.given_names)
        names = given | set(candidate.family_names)
        homes = _homes(candidate)
        others = seen.setdefault(homes, [])
        if any(
            not given & their_names and not their_given & names
            for their_given, their_names in others
        ):
            moved.add(homes)
        others.append((given, names))
    return frozenset(moved)


def _one_is_a_slip(pair: tuple[str | None, str | None], given_names: Counter[str | None]) -> bool:
    """Whether one of two given names looks like a typing slip of the other (or of one of its
    forms): a name no list of names knows, one keystroke or one letter from the other, and either
    carried by no other record while the other is carried by several, or at most a fiftieth as
    common as the other (a slip of a common name recurs in large lists: Chalotte beside
    Charlotte). A twin listed twice beside a name a few dozen records carry is not a slip.
    """
    left, right = pair
    if left is None or right is None:
        return False
    rare, common = sorted((left, right), key=lambda n: (given_names[n], n))
    if known(rare):
        return False
    seen, beside = given_names[rare], given_names[common]
    if not ((seen == 1 and beside >= 2) or seen * SLIP_RARITY <= beside):
        return False
    return any(
        keystroke_apart(rare, form) or damerau_levenshtein_distance(rare, form) == 1
        for form in {common, *full_forms(common)}
    )


def _disputed_numbers(candidates: Iterable[Candidate]) -> frozenset[str]:
    """Records whose NHS number another record carries too, whose date of birth or sex says it
    is someone else: which of the two holds the wrong number is not known, so neither number
    keeps its record from others (the pair itself is held apart, see _held)."""
    disputed: set[str] = set()
    for candidate in candidates:
        nhs_l, nhs_r = candidate.nhs_numbers
        if (
            nhs_l is not None
            and nhs_l == nhs_r
            and (candidate.dob_differs or candidate.sex_differs)
        ):
            disputed.update((candidate.left, candidate.right))
    return frozenset(disputed)


def _rule(candidate: Candidate, disputed: frozenset[str] = frozenset()) -> Rule | None:
    """Which rule links the pair: None when identifiers say they are two people."""
    nhs_l, nhs_r = candidate.nhs_numbers
    if nhs_l is not None and nhs_l == nhs_r:
        return "nhs_number"
    upn_l, upn_r = candidate.upns
    if upn_l is not None and upn_l == upn_r:
        return "upn"
    undisputed = candidate.left not in disputed and candidate.right not in disputed
    if nhs_l is not None and nhs_r is not None and undisputed:
        return None
    permanent_l, permanent_r = permanent_upn(upn_l), permanent_upn(upn_r)
    if permanent_l is not None and permanent_r is not None:
        return None
    return "probabilistic"
