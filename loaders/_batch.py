"""Batch functions: one repository call for all keys, answers in key order."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable, Mapping, Sequence
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
    """What disclosures about people rest on in this request, as far as it has learnt: read with
    families (graph.consent_scope.summary_answer) or asked for by the ``sharing`` loader. An
    answer is a reference (``c:<consent id>`` or ``d:<decision id>``), or None: nothing covers.
    """

    def __init__(self) -> None:
        self.known: dict[str, str | None] = {}
        # The fields of one record ask about the same group one after another: answered once.
        self._last: tuple[tuple[str, ...], bool, tuple[str, ...]] | None = None

    def learn(self, family: records.Family) -> None:
        for person_id, answer in family.consent.items():
            self.known.setdefault(person_id, answer)

    def forget(self) -> None:
        self.known.clear()
        self._last = None

    def relied_on(self, group: tuple[str, ...], any_of: bool) -> tuple[str, ...] | None:
        """What a disclosure about ``group`` rests on: the references covering every one of them
        (or one, when ``any_of``), () when that is not so, None while an answer is unknown. A
        known answer never changes within the request, so the last one is kept."""
        last = self._last
        if last is not None and last[0] is group and last[1] is any_of:
            return last[2]
        refs: list[str] = []
        for person_id in group:
            if person_id not in self.known:
                return None
            answer = self.known[person_id]
            if answer is not None:
                refs.append(answer)
            elif not any_of:
                refs = []
                break
        found = tuple(dict.fromkeys(refs))
        self._last = (group, any_of, found)
        return found


def sharing(
    db: Database, viewer: Viewer, answers: ConsentAnswers
) -> Callable[[list[str]], Awaitable[list[str | None]]]:
    """What a disclosure about each person rests on: one statement for the people whose answer
    is not known yet; the answers are kept for the fields that follow."""

    async def load(ids: list[str]) -> list[str | None]:
        unknown = [i for i in dict.fromkeys(ids) if i not in answers.known]
        if unknown:
            answers.known.update(await db.read(consent_scope.answers, unknown, viewer))
        return [answers.known.get(i) for i in ids]

    return load


def special(
    db: Database,
    viewer: Viewer,
    consent_age: int,
    covers: Mapping[str, frozenset[str]],
) -> Callable[[list[tuple[str, str]]], Awaitable[list[str | None]]]:
    """What a disclosure of a special category about each person rests on, keyed by (person id,
    category): explicit consent or a decision naming a condition (graph.consent_scope)."""

    async def load(keys: list[tuple[str, str]]) -> list[str | None]:
        people = list(dict.fromkeys(person for person, _ in keys))
        standing = await db.read(consent_scope.special_standing, people, viewer)
        found: list[str | None] = []
        for person, category in keys:
            of = standing.get(person)
            found.append(
                of.relied_on(category, viewer, consent_age, covers) if of is not None else None
            )
        return found

    return load
