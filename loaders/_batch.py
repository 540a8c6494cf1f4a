"""Batch functions: one repository call for all keys, answers in key order."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, Protocol, TypeVar

from strawberry.dataloader import DataLoader

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


def consent_of(
    db: Database, purpose: str, organisation_id: str
) -> Callable[[list[str]], Awaitable[list[bool]]]:
    """Whether each person's consent covers this request's purpose and organisation."""

    async def load(keys: list[str]) -> list[bool]:
        covered = await db.read(consent_scope.consented, list(keys), purpose, organisation_id)
        return [key in covered for key in keys]

    return load


def all_of(
    each: DataLoader[str, bool],
) -> Callable[[list[tuple[str, ...]]], Awaitable[list[bool]]]:
    """Whether ``each`` holds for every member of each group: the fields of one record (a
    family's fields concern all its current members) then share one answer, and every person's
    own answer stays cached for the fields that concern them alone."""

    async def load(groups: list[tuple[str, ...]]) -> list[bool]:
        ids = list(dict.fromkeys(i for group in groups for i in group))
        answers = dict(zip(ids, await each.load_many(ids), strict=True))
        return [all(answers[i] for i in group) for group in groups]

    return load
