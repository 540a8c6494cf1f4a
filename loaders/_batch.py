"""Batch functions: one repository call for all keys, answers in key order."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, Protocol, TypeVar

from graph import Database, Viewer, consent_scope, people, records

T = TypeVar("T")
K = TypeVar("K")


class HasId(Protocol):
    @property
    def id(self) -> str: ...


R = TypeVar("R", bound=HasId)


def by_key(
    db: Database, work: Callable[..., Awaitable[list[T]]], key_of: Callable[[T], str], *args: Any
) -> Callable[[list[str]], Awaitable[list[T | None]]]:
    """Look records up by a unique key; a missing key answers None."""

    async def load(keys: list[str]) -> list[T | None]:
        found = await db.read(work, list(keys), *args)
        index = {key_of(record): record for record in found}
        return [index.get(key) for key in keys]

    return load


def _id(record: HasId) -> str:
    return record.id


def by_id(
    db: Database, work: Callable[..., Awaitable[list[R]]], *args: Any
) -> Callable[[list[str]], Awaitable[list[R | None]]]:
    """Look records up by id; a missing id answers None."""
    return by_key(db, work, _id, *args)


def grouped(
    db: Database,
    work: Callable[..., Awaitable[Sequence[T]]],
    key_of: Callable[[T], str],
    *args: Any,
) -> Callable[[list[str]], Awaitable[list[list[T]]]]:
    """Lists of records per key, in the order the repository returned them."""

    async def load(keys: list[str]) -> list[list[T]]:
        rows = await db.read(work, list(keys), *args)
        groups: defaultdict[str, list[T]] = defaultdict(list)
        for row in rows:
            groups[key_of(row)].append(row)
        return [groups.get(key, []) for key in keys]

    return load


def facts_of(
    db: Database, viewer: Viewer
) -> Callable[[list[str]], Awaitable[list[records.PersonFacts]]]:
    """Each person's facts; a person not found (or not visible) has none."""

    async def load(keys: list[str]) -> list[records.PersonFacts]:
        found = {f.person_id: f for f in await db.read(people.facts, list(keys), viewer)}
        return [found.get(key) or records.PersonFacts(person_id=key) for key in keys]

    return load


def learning(
    answers: ConsentAnswers, load: Callable[[list[str]], Awaitable[list[records.Family | None]]]
) -> Callable[[list[str]], Awaitable[list[records.Family | None]]]:
    """``load``, and learn the consent answers read with each family."""

    async def learn_while_loading(keys: list[str]) -> list[records.Family | None]:
        found = await load(keys)
        for family in found:
            if family is not None:
                answers.learn(family)
        return found

    return learn_while_loading


class ConsentAnswers:
    """Whose consent covers this request's disclosures, as far as the request has learnt: read
    with families (graph.consent_scope.summary_answer) or asked for by ``all_consented``.
    """

    def __init__(self) -> None:
        self.known: dict[str, bool] = {}
        # The fields of one record ask about the same group one after another: answered once.
        self._last: tuple[tuple[str, ...], bool] | None = None

    def learn(self, family: records.Family) -> None:
        for person_id, covered in family.consent.items():
            self.known.setdefault(person_id, covered)

    def of(self, group: tuple[str, ...]) -> bool | None:
        """Whether everyone in ``group`` consented; None while someone's answer is unknown.
        A known answer never changes within the request, so the last one is kept."""
        last = self._last
        if last is not None and last[0] is group:
            return last[1]
        answer = True
        for person_id in group:
            known = self.known.get(person_id)
            if known is None:
                return None
            answer = answer and known
        self._last = (group, answer)
        return answer


def all_consented(
    db: Database, viewer: Viewer, answers: ConsentAnswers
) -> Callable[[list[tuple[str, ...]]], Awaitable[list[bool]]]:
    """Whether the consent of everyone in each group covers the request: one statement for the
    people whose answer is not known yet. Keyed by the group a field concerns (a family's fields
    concern all its current members), so the fields of one record share one answer."""

    async def load(groups: list[tuple[str, ...]]) -> list[bool]:
        unknown = [i for i in dict.fromkeys(i for g in groups for i in g) if i not in answers.known]
        if unknown:
            covered = await db.read(consent_scope.consented, unknown, viewer)
            for person_id in unknown:
                answers.known[person_id] = person_id in covered
        return [bool(answers.of(group)) for group in groups]

    return load
